package io.pptp4j.capture;

/** Which way the bytes of a {@link TcpStream} go. */
public enum TcpDirection {
    CLIENT_TO_SERVER,
    SERVER_TO_CLIENT;

    public TcpDirection reverse() { return this == CLIENT_TO_SERVER ? SERVER_TO_CLIENT : CLIENT_TO_SERVER; }
}
