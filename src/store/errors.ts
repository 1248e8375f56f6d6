/** What the store throws when it is misused or cannot go on (a bad span, an old schema opened read-only). */
export class StoreError extends Error {
  override name = 'StoreError';
}
