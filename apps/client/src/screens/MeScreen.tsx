import type { PersonView } from '@gzh/contracts';
import { Avatar } from '../components/Avatar';
import { platformLabel } from '../labels';

interface MeScreenProps {
  person: PersonView;
  onSwitch: () => void;
}

/** The 我 tab: who this phone is signed in as, and the way to become someone else. */
export function MeScreen({ person, onSwitch }: MeScreenProps) {
  return (
    <section className="screen">
      <main className="content">
        <div className="me-card">
          <Avatar name={person.nickname} url={person.avatarUrl} size={64} />
          <div className="me-names">
            <h2 className="me-nickname" data-testid="me-nickname">
              {person.nickname}
            </h2>
            <p className="cell-subtitle">
              ID：<span data-testid="me-id">{person.id}</span>
            </p>
            <p className="cell-subtitle">平台：{platformLabel(person.platform)}</p>
          </div>
        </div>
        <ul className="list">
          <li>
            <button type="button" className="cell" data-testid="switch-person" onClick={onSwitch}>
              <span className="cell-body">
                <span className="cell-title">切换身份</span>
              </span>
              <span className="cell-arrow" aria-hidden="true" />
            </button>
          </li>
        </ul>
      </main>
    </section>
  );
}
