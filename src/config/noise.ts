/**
 * The noise-control vocabulary (config keys and Action inputs `comment`, `inline`, `annotations`, `comment-tag`).
 * A leaf: the config validates these values, report/ and github/ act on them.
 */
export const CHANNEL_MODES = ['blocking', 'new', 'all', 'none'] as const;
export type ChannelMode = (typeof CHANNEL_MODES)[number];

export const COMMENT_MODES = ['always', 'on-findings', 'never'] as const;
export type CommentMode = (typeof COMMENT_MODES)[number];

/** A `comment-tag` (matrix jobs): letters, digits, `.`, `_`, `-`. */
export const COMMENT_TAG = /^[A-Za-z0-9_.-]{1,40}$/;
