/** Live packet capture on Linux: AF_PACKET sockets through FFM ({@link io.pptp4j.linux.packet.PacketSocket}). */
package io.pptp4j.linux.packet;
