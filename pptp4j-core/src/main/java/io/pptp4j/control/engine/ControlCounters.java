package io.pptp4j.control.engine;

/**
 * Counts of one control connection, for logs and tests.
 *
 * @param messagesReceived messages handed to the engine, malformed ones not included
 * @param messagesSent messages the engine asked to send
 * @param echoRequestsSent Echo-Requests we sent (RFC 2637 3.1.4)
 * @param echoRepliesReceived Echo-Replies that answered one of ours
 * @param unexpectedMessages messages that made no sense in the state they came in, and were ignored
 */
public record ControlCounters(long messagesReceived, long messagesSent, long echoRequestsSent,
                              long echoRepliesReceived, long unexpectedMessages) {}
