/** Errors that only say the connection is down: the link reports those once, not each attempt. */
export const isConnectionError = (error: Error): boolean => {
  const code = (error as { code?: unknown }).code;
  return (
    (typeof code === 'string' &&
      /^(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH)$/.test(code)) ||
    /Connection is closed|Stream isn't writeable|connect ECONNREFUSED|write EPIPE/.test(error.message)
  );
};
