import type { MaterialView } from '@gzh/contracts';
import { PictureOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Empty, Modal, Pagination, Space, Spin, Upload } from 'antd';
import { useState } from 'react';
import { MATERIAL_PAGE_SIZE, useMaterials, useUploadMaterial } from '../api/materials';
import { useI18n } from '../i18n';

/**
 * The cover of an article: a permanent image material of the account, chosen from the material
 * library or uploaded to it on the spot (WeChat requires `thumb_media_id` to be a permanent
 * image material, so an uploaded cover is a library image, not a content image).
 */
export function CoverPicker({
  appid,
  thumbUrl,
  onChange,
}: {
  appid: string;
  thumbUrl: string;
  onChange: (cover: { mediaId: string; url: string }) => void;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <Space align="start">
      <div className="cover-preview" data-testid="cover-preview">
        {thumbUrl ? <img src={thumbUrl} alt="" /> : <PictureOutlined />}
      </div>
      <Button onClick={() => setOpen(true)} data-testid="cover-choose">
        {t('articles.cover.choose')}
      </Button>
      <Modal
        open={open}
        title={t('articles.cover.pickTitle')}
        footer={null}
        width={720}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <CoverGrid
          appid={appid}
          onPick={(m) => {
            onChange({ mediaId: m.mediaId, url: m.url });
            setOpen(false);
          }}
        />
      </Modal>
    </Space>
  );
}

function CoverGrid({ appid, onPick }: { appid: string; onPick: (material: MaterialView) => void }) {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const materials = useMaterials(appid, 'image', page);
  const upload = useUploadMaterial(appid);
  const items = materials.data?.items ?? [];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Upload
        accept=".jpg,.jpeg,.png,.gif,.bmp"
        showUploadList={false}
        beforeUpload={(file) => {
          upload.mutate({ type: 'image', file }, { onSuccess: ({ material }) => onPick(material) });
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} loading={upload.isPending} data-testid="cover-upload">
          {t('articles.cover.upload')}
        </Button>
      </Upload>
      <Spin spinning={materials.isFetching}>
        {items.length === 0 && !materials.isFetching ? (
          <Empty description={t('articles.cover.empty')} />
        ) : (
          <div className="cover-grid">
            {items.map((m) => (
              <button key={m.mediaId} type="button" className="cover-option" onClick={() => onPick(m)} title={m.name}>
                <img src={m.url} alt={m.name} />
              </button>
            ))}
          </div>
        )}
      </Spin>
      {(materials.data?.total ?? 0) > MATERIAL_PAGE_SIZE && (
        <Pagination
          current={page}
          pageSize={MATERIAL_PAGE_SIZE}
          total={materials.data?.total ?? 0}
          showSizeChanger={false}
          onChange={setPage}
        />
      )}
    </Space>
  );
}
