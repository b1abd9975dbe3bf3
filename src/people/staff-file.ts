import { readCsvRecords } from '../intake/read-records.ts';
import { DeskError } from '../errors.ts';
import { checkedAccount } from './actor.ts';
import { checkedRole, type Role } from './roles.ts';

/**
 * A CSV of role grants (columns `account`, `role`; one row per grant), read whole before anything
 * is granted so that a bad row grants nothing. Accounts in the order they first appear.
 */
export async function readStaffFile(file: string): Promise<Map<string, Role[]>> {
  const staff = new Map<string, Role[]>();
  const spec = {
    columns: ['account', 'role'] as const,
    required: ['account', 'role'] as const,
    strictColumns: true,
  };
  for await (const { rowNumber, record } of readCsvRecords(file, spec)) {
    const where = `${file}: row ${rowNumber}`;
    let account: string;
    let role: Role;
    try {
      account = checkedAccount(record.account);
      role = checkedRole(record.role);
    } catch (error) {
      throw new DeskError('MALFORMED_FILE', `${where}: ${(error as Error).message}`, { row: rowNumber });
    }
    staff.set(account, [...(staff.get(account) ?? []), role]);
  }
  return staff;
}
