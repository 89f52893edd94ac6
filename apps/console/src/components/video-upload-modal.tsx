import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Upload } from 'antd';
import { useState } from 'react';
import { useUploadMaterial } from '../api/materials';
import { useI18n } from '../i18n';
import { acceptOf, fileProblemMessage } from '../lib/materials';

interface VideoForm {
  title: string;
  introduction?: string;
}

/**
 * Uploads a video material: WeChat requires a title (and takes an introduction) with every
 * video, so the file is picked inside a form rather than uploaded on selection.
 */
export function VideoUploadModal({ appid, open, onClose }: { appid: string; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<VideoForm>();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const upload = useUploadMaterial(appid);

  const close = () => {
    form.resetFields();
    setFile(null);
    setFileError(null);
    onClose();
  };

  const submit = (values: VideoForm) => {
    if (!file) {
      setFileError(t('materials.video.fileRequired'));
      return;
    }
    upload.mutate(
      { type: 'video', file, title: values.title.trim(), introduction: values.introduction?.trim() ?? '' },
      {
        onSuccess: () => {
          void message.success(t('materials.uploaded', { name: file.name }));
          close();
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t('materials.upload.video')}
      onCancel={close}
      onOk={() => form.submit()}
      okText={t('materials.upload.video')}
      cancelText={t('common.cancel')}
      confirmLoading={upload.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="title"
          label={t('materials.video.title')}
          rules={[{ required: true, whitespace: true, max: 64, message: t('materials.video.titleRequired') }]}
        >
          <Input maxLength={64} data-testid="video-title" />
        </Form.Item>
        <Form.Item name="introduction" label={t('materials.video.introduction')}>
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
        <Form.Item
          label={t('materials.video.file')}
          required
          validateStatus={fileError ? 'error' : undefined}
          help={fileError ?? file?.name}
        >
          <Upload
            accept={acceptOf('video')}
            showUploadList={false}
            beforeUpload={(picked) => {
              const problem = fileProblemMessage(t, 'video', picked);
              setFileError(problem);
              setFile(problem ? null : picked);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} data-testid="video-file">
              {t('materials.video.pick')}
            </Button>
          </Upload>
        </Form.Item>
      </Form>
    </Modal>
  );
}
