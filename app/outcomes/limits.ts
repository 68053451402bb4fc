/** At most this many waves on one outcome page: enough for a decade of yearly surveys, and the tables stay readable. */
export const MAX_WAVES = 10;
