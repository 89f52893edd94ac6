import type { FollowerView, TagView } from '@gzh/contracts';
import { Select, Space, Tag } from 'antd';
import { useFollowerTag } from '../api/followers';
import { useI18n } from '../i18n';

interface Props {
  appid: string;
  follower: FollowerView;
  tags: readonly TagView[];
}

/**
 * A follower's tags, removable one by one, plus a compact select offering the tags they do not
 * have yet. The tag stays on screen until the server confirms, so nothing flickers on failure.
 */
export function FollowerTagsCell({ appid, follower, tags }: Props) {
  const { t } = useI18n();
  const tagging = useFollowerTag(appid);
  const names = new Map(tags.map((tag) => [tag.id, tag.name]));
  const missing = tags.filter((tag) => !follower.tagIds.includes(tag.id));
  const busy = tagging.isPending && tagging.variables.openid === follower.openid;

  return (
    <Space size={[0, 4]} wrap>
      {follower.tagIds.map((id) => (
        <Tag
          key={id}
          closable={!busy}
          onClose={(event) => {
            event.preventDefault();
            tagging.mutate({ openid: follower.openid, tagId: id, add: false });
          }}
        >
          {names.get(id) ?? `#${id}`}
        </Tag>
      ))}
      {missing.length > 0 ? (
        <Select<number>
          size="small"
          variant="filled"
          className="add-tag-select"
          placeholder={t('followers.addTag')}
          value={null}
          disabled={busy}
          popupMatchSelectWidth={false}
          onChange={(tagId) => tagging.mutate({ openid: follower.openid, tagId, add: true })}
          options={missing.map((tag) => ({ value: tag.id, label: tag.name }))}
          aria-label={t('followers.addTag')}
        />
      ) : null}
    </Space>
  );
}
