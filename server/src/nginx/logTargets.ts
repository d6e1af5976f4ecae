/**
 * Log targets that are not files in the image: the output streams, syslog and the memory
 * buffer. No user ever lacks permission to write them. (`off` is a target only for
 * access_log; `error_log off` writes a file named off.)
 */
export function isOutputStream(path: string): boolean {
  return path === 'stderr' || path.startsWith('syslog:') || path.startsWith('memory:') ||
    /^\/dev\/(stdout|stderr|null)$/.test(path) || /^\/proc\/self\/fd\/[12]$/.test(path);
}
