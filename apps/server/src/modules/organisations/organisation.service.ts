import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../db/schema';
import type { Clock } from '../../shared/clock';
import { AppError } from '../../shared/errors';
import { newId, randomToken } from '../../shared/ids';

/** An organisation (enterprise): owns accounts, console users and one UnionID space. */
export interface Organisation {
  id: string;
  name: string;
  unionidSalt: string;
  createdAt: number;
}

/** Creates and finds organisations. Names are unique across the installation. */
export class OrganisationService {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly clock: Clock,
  ) {}

  async create(name: string): Promise<Organisation> {
    const trimmed = name.trim();
    if (!trimmed || trimmed.length > 64) {
      throw new AppError('organisation.invalid_name', 'organisation name must be 1-64 characters');
    }
    if (await this.findByName(trimmed)) {
      throw new AppError('organisation.name_taken', `organisation "${trimmed}" already exists`);
    }
    const org: Organisation = {
      id: newId('org'),
      name: trimmed,
      unionidSalt: randomToken(32),
      createdAt: this.clock.nowMs(),
    };
    await this.db
      .insertInto('organisations')
      .values({ id: org.id, name: org.name, unionid_salt: org.unionidSalt, created_at: org.createdAt })
      .execute();
    return org;
  }

  async findByName(name: string): Promise<Organisation | undefined> {
    const row = await this.db.selectFrom('organisations').selectAll().where('name', '=', name).executeTakeFirst();
    return row && toOrganisation(row);
  }

  async findById(id: string): Promise<Organisation | undefined> {
    const row = await this.db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toOrganisation(row);
  }

  /** Finds by name, creating it when absent (used by `gzh account create --org NAME`). */
  async ensure(name: string): Promise<Organisation> {
    return (await this.findByName(name.trim())) ?? this.create(name);
  }

  async list(): Promise<Organisation[]> {
    const rows = await this.db.selectFrom('organisations').selectAll().orderBy('created_at').execute();
    return rows.map(toOrganisation);
  }
}

function toOrganisation(row: { id: string; name: string; unionid_salt: string; created_at: number }): Organisation {
  return { id: row.id, name: row.name, unionidSalt: row.unionid_salt, createdAt: row.created_at };
}
