# Runs a PPTP peer inside the mount namespace that `ip netns exec` made for this shell.
# Usage: bash sandbox.sh SYSLOG_SOCKET PROGRAM [ARGUMENT...]
#
# - /dev/log is a symbolic link to SYSLOG_SOCKET, the test's syslog collector: pptpd, pptpctrl and
#   pptp log only through syslog(3), no syslog daemon runs on a test machine, and the real /dev/log
#   is shared by the whole machine. So the peer gets a private /dev (tmpfs) holding the device nodes
#   it needs (bound from the real /dev), the ptys (/dev/pts) and that link.
# - /run (and so /var/run) is a private tmpfs: pptp keeps its call manager's socket in
#   /var/run/pptp/LOCALBIND:SERVER, a path the whole machine shares (two clients of one server in two
#   network namespaces would share one call manager), and pptpd its default pid file in /var/run.
# - When P4J_PPP_PORT is set, standard input is a TCP connection to 127.0.0.1:P4J_PPP_PORT, opened
#   read-write (bash's /dev/tcp): pptp --nolaunchpppd reads and writes its PPP side on fd 0, as it
#   would on the pty master pppd's "pty" option gives it.
#
# `ip netns exec` gave this shell a mount namespace of its own, with / a recursive slave, so nothing
# mounted here shows outside. The script refuses to run in the mount namespace of its parent (the
# JVM, as ip execs without forking) or of init: started any other way it would remount the machine's
# /dev and /run.
set -eu
own="$(readlink /proc/self/ns/mnt)"
if [ "$own" = "$(readlink "/proc/$PPID/ns/mnt")" ] || [ "$own" = "$(readlink /proc/1/ns/mnt)" ]; then
    echo "sandbox.sh: not in a mount namespace of its own (run it through ip netns exec)" >&2
    exit 97
fi
if [ "$#" -lt 2 ]; then
    echo "usage: sandbox.sh SYSLOG_SOCKET PROGRAM [ARGUMENT...]" >&2
    exit 96
fi
syslog_socket="$1"
shift
mount -t tmpfs -o mode=0755,size=4m p4j-run /run
mkdir /run/p4j-hostdev
mount --rbind /dev /run/p4j-hostdev
mount -t tmpfs -o mode=0755,size=64k p4j-dev /dev
for node in null zero full random urandom tty; do
    touch "/dev/$node"
    mount --bind "/run/p4j-hostdev/$node" "/dev/$node"
done
# pppd's stand-in (pptp4j pppd, which pptpd starts) makes its ppp interface as a TUN device
mkdir /dev/net
touch /dev/net/tun
mount --bind /run/p4j-hostdev/net/tun /dev/net/tun
mkdir /dev/pts
mount --bind /run/p4j-hostdev/pts /dev/pts
# a bound /dev/ptmx node does not find its devpts instance here (openpty fails with ENOENT)
ln -s pts/ptmx /dev/ptmx
ln -s /proc/self/fd /dev/fd
ln -s /proc/self/fd/0 /dev/stdin
ln -s /proc/self/fd/1 /dev/stdout
ln -s /proc/self/fd/2 /dev/stderr
ln -s "$syslog_socket" /dev/log
umount -l /run/p4j-hostdev
rmdir /run/p4j-hostdev
if [ -n "${P4J_PPP_PORT:-}" ]; then
    exec 0<>"/dev/tcp/127.0.0.1/$P4J_PPP_PORT"
fi
exec "$@"
