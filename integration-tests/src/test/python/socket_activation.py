#!/usr/bin/env python3
"""Starts a command as systemd's socket activation would (sd_listen_fds(3)): a listening unix socket and a
listening TCP socket made here become descriptors 3 and 4, LISTEN_FDS=2 and LISTEN_FDNAMES are set, and
LISTEN_PID is the pid of the process that execs the command (sh sets it to its own $$ and execs, so it is the
command's pid).

usage: socket_activation.py UNIX_PATH TCP_PORT COMMAND [ARGS...]
"""
import os
import socket
import sys


def main():
    path, port, cmd = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    unix = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    if os.path.exists(path):
        os.unlink(path)
    unix.bind(path)
    os.chmod(path, 0o660)
    unix.listen(128)
    tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    tcp.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    tcp.bind(("127.0.0.1", port))
    tcp.listen(128)
    # Move both out of the way first (either may already be 3 or 4), then onto 3 and 4, inheritable: Python's
    # own descriptors are close-on-exec, and dup2 onto the same number would keep that flag.
    high = [os.dup(unix.fileno()), os.dup(tcp.fileno())]
    unix.close()
    tcp.close()
    for want, fd in zip((3, 4), high):
        os.dup2(fd, want)
        os.set_inheritable(want, True)
        os.close(fd)
    env = dict(os.environ, LISTEN_FDS="2", LISTEN_FDNAMES="berth.socket:berth-tcp.socket")
    os.execvpe("sh", ["sh", "-c", 'LISTEN_PID=$$ exec "$@"', "sh"] + cmd, env)


if __name__ == "__main__":
    main()
