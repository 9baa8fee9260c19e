package io.berth.engine.runtime.seccomp;

import io.berth.engine.runtime.seccomp.SeccompProfile.Arg;
import io.berth.engine.runtime.seccomp.SeccompProfile.ArchMap;
import io.berth.engine.runtime.seccomp.SeccompProfile.Filter;
import io.berth.engine.runtime.seccomp.SeccompProfile.Rule;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Docker's default seccomp profile (what dockerd applies when {@code SecurityOpt} names no profile; moby
 * profiles/seccomp {@code DefaultProfile}), written as berth's own rule table: every syscall is refused
 * with EPERM except an allow list of the ordinary ones; {@code socket} except AF_VSOCK (40);
 * {@code personality} only for the personas 0, 8 (UNAME26), 0x20000, 0x20008 and 0xffffffff (query);
 * architecture-specific calls on their architecture; the calls that need a capability (mount and
 * namespaces with CAP_SYS_ADMIN, ptrace with CAP_SYS_PTRACE, reboot with CAP_SYS_BOOT, ...) only when the
 * container has it; without CAP_SYS_ADMIN, {@code clone} only without namespace flags (mask 0x7E020000)
 * and {@code clone3} answered ENOSYS (38) so that libcs fall back to clone.
 */
public final class DefaultSeccompProfile {
    /** EPERM, the default action's errno. */
    private static final long EPERM = 1;
    /** ENOSYS, clone3's answer without CAP_SYS_ADMIN. */
    private static final long ENOSYS = 38;
    /** CLONE_NEWNS | NEWCGROUP | NEWUTS | NEWIPC | NEWUSER | NEWPID | NEWNET: no new namespaces. */
    private static final long CLONE_NAMESPACE_FLAGS = 0x7E020000L;
    private static final String ALLOW = "SCMP_ACT_ALLOW";

    /** The syscalls every container may make. */
    static final List<String> ALLOWED = List.of(("accept accept4 access adjtimex alarm bind brk capget capset"
            + " chdir chmod chown chown32 clock_adjtime clock_adjtime64 clock_getres clock_getres_time64"
            + " clock_gettime clock_gettime64 clock_nanosleep clock_nanosleep_time64 close close_range connect"
            + " copy_file_range creat dup dup2 dup3 epoll_create epoll_create1 epoll_ctl epoll_ctl_old"
            + " epoll_pwait epoll_pwait2 epoll_wait epoll_wait_old eventfd eventfd2 execve execveat exit"
            + " exit_group faccessat faccessat2 fadvise64 fadvise64_64 fallocate fanotify_mark fchdir fchmod"
            + " fchmodat fchown fchown32 fchownat fcntl fcntl64 fdatasync fgetxattr flistxattr flock fork"
            + " fremovexattr fsetxattr fstat fstat64 fstatat64 fstatfs fstatfs64 fsync ftruncate ftruncate64"
            + " futex futex_time64 futex_waitv futimesat getcpu getcwd getdents getdents64 getegid getegid32"
            + " geteuid geteuid32 getgid getgid32 getgroups getgroups32 getitimer getpeername getpgid getpgrp"
            + " getpid getppid getpriority getrandom getresgid getresgid32 getresuid getresuid32 getrlimit"
            + " get_robust_list getrusage getsid getsockname getsockopt get_thread_area gettid gettimeofday"
            + " getuid getuid32 getxattr inotify_add_watch inotify_init inotify_init1 inotify_rm_watch"
            + " io_cancel ioctl io_destroy io_getevents io_pgetevents io_pgetevents_time64 ioprio_get"
            + " ioprio_set io_setup io_submit io_uring_enter io_uring_register io_uring_setup ipc kill"
            + " landlock_add_rule landlock_create_ruleset landlock_restrict_self lchown lchown32 lgetxattr link"
            + " linkat listen listxattr llistxattr _llseek lremovexattr lseek lsetxattr lstat lstat64 madvise"
            + " membarrier memfd_create memfd_secret mincore mkdir mkdirat mknod mknodat mlock mlock2 mlockall"
            + " mmap mmap2 mprotect mq_getsetattr mq_notify mq_open mq_timedreceive mq_timedreceive_time64"
            + " mq_timedsend mq_timedsend_time64 mq_unlink mremap msgctl msgget msgrcv msgsnd msync munlock"
            + " munlockall munmap name_to_handle_at nanosleep newfstatat _newselect open openat openat2 pause"
            + " pidfd_open pidfd_send_signal pipe pipe2 pkey_alloc pkey_free pkey_mprotect poll ppoll"
            + " ppoll_time64 prctl pread64 preadv preadv2 prlimit64 process_mrelease pselect6 pselect6_time64"
            + " pwrite64 pwritev pwritev2 read readahead readlink readlinkat readv recv recvfrom recvmmsg"
            + " recvmmsg_time64 recvmsg remap_file_pages removexattr rename renameat renameat2 restart_syscall"
            + " rmdir rseq rt_sigaction rt_sigpending rt_sigprocmask rt_sigqueueinfo rt_sigreturn rt_sigsuspend"
            + " rt_sigtimedwait rt_sigtimedwait_time64 rt_tgsigqueueinfo sched_getaffinity sched_getattr"
            + " sched_getparam sched_get_priority_max sched_get_priority_min sched_getscheduler"
            + " sched_rr_get_interval sched_rr_get_interval_time64 sched_setaffinity sched_setattr"
            + " sched_setparam sched_setscheduler sched_yield seccomp select semctl semget semop semtimedop"
            + " semtimedop_time64 send sendfile sendfile64 sendmmsg sendmsg sendto setfsgid setfsgid32 setfsuid"
            + " setfsuid32 setgid setgid32 setgroups setgroups32 setitimer setpgid setpriority setregid"
            + " setregid32 setresgid setresgid32 setresuid setresuid32 setreuid setreuid32 setrlimit"
            + " set_robust_list setsid setsockopt set_thread_area set_tid_address setuid setuid32 setxattr"
            + " shmat shmctl shmdt shmget shutdown sigaltstack signalfd signalfd4 sigprocmask sigreturn"
            + " socketcall socketpair splice stat stat64 statfs statfs64 statx symlink symlinkat sync"
            + " sync_file_range syncfs sysinfo tee tgkill time timer_create timer_delete timer_getoverrun"
            + " timer_gettime timer_gettime64 timer_settime timer_settime64 timerfd_create timerfd_gettime"
            + " timerfd_gettime64 timerfd_settime timerfd_settime64 times tkill truncate truncate64 ugetrlimit"
            + " umask uname unlink unlinkat utime utimensat utimensat_time64 utimes vfork vmsplice wait4 waitid"
            + " waitpid write writev").split(" "));

    private DefaultSeccompProfile() {
    }

    /** @return the profile, in Docker's format (apply it with {@link SeccompProfile#toRuntimeSpec}) */
    public static SeccompProfile profile() {
        List<Rule> rules = new ArrayList<>();
        rules.add(allow(ALLOWED, null, null));
        rules.add(allow(names("process_vm_readv process_vm_writev ptrace"), new Filter(null, null, "4.8"), null));
        rules.add(new Rule(null, List.of("socket"), ALLOW, null, List.of(arg(0, 40, 0, "SCMP_CMP_NE")), null, null));
        for (long persona : new long[] {0, 8, 0x20000, 0x20008, 0xffffffffL}) {
            rules.add(new Rule(null, List.of("personality"), ALLOW, null,
                    List.of(arg(0, persona, 0, "SCMP_CMP_EQ")), null, null));
        }
        rules.add(allow(names("sync_file_range2 swapcontext"), arches("ppc64le"), null));
        rules.add(allow(names("arm_fadvise64_64 arm_sync_file_range sync_file_range2 breakpoint cacheflush set_tls"),
                arches("arm", "arm64"), null));
        rules.add(allow(names("arch_prctl"), arches("amd64", "x32"), null));
        rules.add(allow(names("modify_ldt"), arches("amd64", "x32", "x86"), null));
        rules.add(allow(names("s390_pci_mmio_read s390_pci_mmio_write s390_runtime_instr"),
                arches("s390", "s390x"), null));
        rules.add(allow(names("riscv_flush_icache"), arches("riscv64"), null));
        rules.add(allow(names("open_by_handle_at"), caps("CAP_DAC_READ_SEARCH"), null));
        rules.add(allow(names("bpf clone clone3 fanotify_init fsconfig fsmount fsopen fspick lookup_dcookie mount"
                + " mount_setattr move_mount open_tree perf_event_open quotactl quotactl_fd setdomainname"
                + " sethostname setns syslog umount umount2 unshare"), caps("CAP_SYS_ADMIN"), null));
        rules.add(new Rule(null, List.of("clone"), ALLOW, null,
                List.of(arg(0, CLONE_NAMESPACE_FLAGS, 0, "SCMP_CMP_MASKED_EQ")), null,
                new Filter(List.of("s390", "s390x"), List.of("CAP_SYS_ADMIN"), null)));
        rules.add(new Rule(null, List.of("clone"), ALLOW, null,
                List.of(arg(1, CLONE_NAMESPACE_FLAGS, 0, "SCMP_CMP_MASKED_EQ")), arches("s390", "s390x"),
                caps("CAP_SYS_ADMIN")));
        rules.add(new Rule(null, List.of("clone3"), "SCMP_ACT_ERRNO", ENOSYS, null, null, caps("CAP_SYS_ADMIN")));
        rules.add(allow(names("reboot"), caps("CAP_SYS_BOOT"), null));
        rules.add(allow(names("chroot"), caps("CAP_SYS_CHROOT"), null));
        rules.add(allow(names("delete_module init_module finit_module"), caps("CAP_SYS_MODULE"), null));
        rules.add(allow(names("acct"), caps("CAP_SYS_PACCT"), null));
        rules.add(allow(names("kcmp pidfd_getfd process_madvise process_vm_readv process_vm_writev ptrace"),
                caps("CAP_SYS_PTRACE"), null));
        rules.add(allow(names("iopl ioperm"), caps("CAP_SYS_RAWIO"), null));
        rules.add(allow(names("settimeofday stime clock_settime clock_settime64"), caps("CAP_SYS_TIME"), null));
        rules.add(allow(names("vhangup"), caps("CAP_SYS_TTY_CONFIG"), null));
        rules.add(allow(names("get_mempolicy mbind set_mempolicy set_mempolicy_home_node"), caps("CAP_SYS_NICE"),
                null));
        rules.add(allow(names("syslog"), caps("CAP_SYSLOG"), null));
        rules.add(allow(names("bpf"), caps("CAP_BPF"), null));
        rules.add(allow(names("perf_event_open"), caps("CAP_PERFMON"), null));
        return new SeccompProfile("SCMP_ACT_ERRNO", EPERM, null, List.of(
                new ArchMap("SCMP_ARCH_X86_64", List.of("SCMP_ARCH_X86", "SCMP_ARCH_X32")),
                new ArchMap("SCMP_ARCH_AARCH64", List.of("SCMP_ARCH_ARM")),
                new ArchMap("SCMP_ARCH_MIPS64", List.of("SCMP_ARCH_MIPS", "SCMP_ARCH_MIPS64N32")),
                new ArchMap("SCMP_ARCH_MIPS64N32", List.of("SCMP_ARCH_MIPS", "SCMP_ARCH_MIPS64")),
                new ArchMap("SCMP_ARCH_MIPSEL64", List.of("SCMP_ARCH_MIPSEL", "SCMP_ARCH_MIPSEL64N32")),
                new ArchMap("SCMP_ARCH_MIPSEL64N32", List.of("SCMP_ARCH_MIPSEL", "SCMP_ARCH_MIPSEL64")),
                new ArchMap("SCMP_ARCH_S390X", List.of("SCMP_ARCH_S390")),
                new ArchMap("SCMP_ARCH_RISCV64", null)), rules);
    }

    private static Rule allow(List<String> names, Filter includes, Filter excludes) {
        return new Rule(null, names, ALLOW, null, null, includes, excludes);
    }

    private static List<String> names(String spaceSeparated) {
        return List.of(spaceSeparated.split(" "));
    }

    private static Filter arches(String... arches) {
        return new Filter(List.of(arches), null, null);
    }

    private static Filter caps(String... caps) {
        return new Filter(null, List.of(caps), null);
    }

    private static Arg arg(int index, long value, long valueTwo, String op) {
        return new Arg(index, BigInteger.valueOf(value), BigInteger.valueOf(valueTwo), op);
    }
}
