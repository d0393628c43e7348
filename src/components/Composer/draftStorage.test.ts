import { draftKeyFor } from './draftStorage.ts';

describe('draftKeyFor', () => {
  const client = {};
  test('one key per ticket and group', () => {
    const a = draftKeyFor({ scope: 'user-1', owner: client, caseId: 'c1', groupId: undefined });
    expect(draftKeyFor({ scope: 'user-1', owner: client, caseId: 'c1', groupId: undefined })).toBe(a);
    expect(draftKeyFor({ scope: 'user-1', owner: client, caseId: 'c2', groupId: undefined })).not.toBe(a);
    expect(draftKeyFor({ scope: 'user-1', owner: client, caseId: 'c1', groupId: 'g' })).not.toBe(a);
  });

  test("never another user's key: other scope, other client, and a scope that spells a client's key", () => {
    const other = {};
    const keys = [
      draftKeyFor({ scope: 'user-1', owner: client, caseId: 'c1', groupId: undefined }),
      draftKeyFor({ scope: 'user-2', owner: client, caseId: 'c1', groupId: undefined }),
      draftKeyFor({ scope: undefined, owner: client, caseId: 'c1', groupId: undefined }),
      draftKeyFor({ scope: undefined, owner: other, caseId: 'c1', groupId: undefined }),
      draftKeyFor({ scope: '1', owner: other, caseId: 'c1', groupId: undefined }),
      // Ids cannot smuggle a separator into another ticket's key.
      draftKeyFor({ scope: 'user-1', owner: client, caseId: 'c1","', groupId: undefined }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });
});
