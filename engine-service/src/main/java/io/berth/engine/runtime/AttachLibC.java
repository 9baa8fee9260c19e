package io.berth.engine.runtime;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * The libc calls the attach socket needs beyond junixsocket, through JNA (Linux x86_64 constants): holding
 * a directory by descriptor to reach a socket whose path is too long, and half-closing a socket; and
 * writing to conmon's control FIFO without blocking ({@link ConmonControl}).
 */
public interface AttachLibC extends Library {
    /** The loaded C library. */
    AttachLibC INSTANCE = Native.load("c", AttachLibC.class);

    /** open(2) O_WRONLY. */
    int O_WRONLY = 01;
    /** open(2) O_NONBLOCK. */
    int O_NONBLOCK = 04000;
    /** errno ENXIO: a FIFO opened for writing has no reader. */
    int ENXIO = 6;
    /** errno ENOENT. */
    int ENOENT = 2;
    /** open(2) O_DIRECTORY. */
    int O_DIRECTORY = 0200000;
    /** open(2) O_CLOEXEC. */
    int O_CLOEXEC = 02000000;
    /** open(2) O_PATH. */
    int O_PATH = 010000000;
    /** shutdown(2) SHUT_WR. */
    int SHUT_WR = 1;

    /** open(2). */
    int open(String path, int flags) throws LastErrorException;

    /** close(2). */
    int close(int fd) throws LastErrorException;

    /** write(2). */
    long write(int fd, byte[] buf, long count) throws LastErrorException;

    /** shutdown(2). */
    int shutdown(int fd, int how) throws LastErrorException;
}
