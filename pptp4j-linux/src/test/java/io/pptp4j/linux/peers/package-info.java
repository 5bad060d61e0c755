/**
 * The real PPTP peers, each in a network namespace, for tests that put pptp4j's own server and client
 * against them: PoPToP's pptpd ({@link io.pptp4j.linux.peers.PptpdPeer}), pptp-linux's pptp
 * ({@link io.pptp4j.linux.peers.PptpLinuxPeer}), nmap's pptp-version
 * ({@link io.pptp4j.linux.peers.NmapPeer}), a tcpdump capture read with pptp4j's own decoder
 * ({@link io.pptp4j.linux.peers.GreCapture}) and two clients behind a NAT with the kernel's PPTP
 * conntrack helper ({@link io.pptp4j.linux.peers.NatTopology}).
 *
 * <p>What the peers needed, as found on Debian's pptpd 1.4.0 and pptp-linux 1.10.0:
 * <ul>
 *   <li>Both log only through syslog(3), and no syslog daemon runs here (no /dev/log). Each peer runs
 *       through {@code sandbox.sh} in the mount namespace {@code ip netns exec} gives it, with a
 *       private /dev whose /dev/log leads to a {@link io.pptp4j.linux.peers.SyslogCollector}, and a
 *       private /run. A /dev/ptmx node bound from the real /dev makes openpty fail (ENOENT): the
 *       sandbox links /dev/ptmx to pts/ptmx instead.</li>
 *   <li>pppd cannot run (no /dev/ppp): pptpd's {@code ppp} program is
 *       {@link io.pptp4j.linux.peers.EchoPppProgram}. pptpctrl runs it with the pty slave, left in
 *       cooked mode, as standard input and output, and the arguments
 *       {@code local file OPTION_FILE 115200 LOCALIP:REMOTEIP ipparam CLIENT remotenumber CLIENT}
 *       (no {@code ipparam CLIENT} with {@code noipparam}; without {@code localip}/{@code remoteip}
 *       pptpd hands on 192.168.0.1:192.168.1.1). pptpctrl reads GRE from the client only after its
 *       ppp program wrote a first frame; until then client frames wait in its GRE socket.</li>
 *   <li>pptpd announces Vendor "linux", Host Name "local" and Firmware Revision 1 (not its
 *       version). It numbers its first GRE packet 0; pptp-linux numbers its first 1.</li>
 *   <li>{@code pptp --nolaunchpppd} takes asynchronous HDLC frames (FCS-16, default ACCM; {@code
 *       --sync} for synchronous) on file descriptor 0 and writes what comes from GRE back to fd 0:
 *       it closes fd 1 and reuses it for its call manager's socket. So fd 0 must be read-write:
 *       the sandbox opens it on a TCP connection to the test ({@code exec 0<>/dev/tcp/...}). Its call
 *       manager listens at /var/run/pptp/LOCALBIND:SERVER, a path shared by every network namespace,
 *       hence the private /run. {@code --nohostroute} keeps it from running {@code ip route}.</li>
 *   <li>Peers fork and daemonize; each peer's processes carry {@code P4J_PEER_TAG} in their
 *       environment, by which {@link io.pptp4j.linux.peers.PeerProcess} finds and kills them all.</li>
 *   <li>The kernel here has the PPTP conntrack and NAT helpers built in ({@code nft add ct helper ...
 *       type "pptp"} works): two clients behind one masquerading router each get their call, the
 *       helper giving each client's Call ID a new value on the outside.</li>
 * </ul>
 */
package io.pptp4j.linux.peers;
