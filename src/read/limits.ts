/** How large a file or a fetched response may be before it is refused unread (64 MiB). */
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
