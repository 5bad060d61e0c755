package io.pptp4j.control;

import io.pptp4j.control.ControlMessage.CallClearRequest;
import io.pptp4j.control.ControlMessage.CallDisconnectNotify;
import io.pptp4j.control.ControlMessage.EchoReply;
import io.pptp4j.control.ControlMessage.EchoRequest;
import io.pptp4j.control.ControlMessage.IncomingCallConnected;
import io.pptp4j.control.ControlMessage.IncomingCallReply;
import io.pptp4j.control.ControlMessage.IncomingCallRequest;
import io.pptp4j.control.ControlMessage.OutgoingCallReply;
import io.pptp4j.control.ControlMessage.OutgoingCallRequest;
import io.pptp4j.control.ControlMessage.SetLinkInfo;
import io.pptp4j.control.ControlMessage.StartControlConnectionReply;
import io.pptp4j.control.ControlMessage.StartControlConnectionRequest;
import io.pptp4j.control.ControlMessage.StopControlConnectionReply;
import io.pptp4j.control.ControlMessage.StopControlConnectionRequest;
import io.pptp4j.control.ControlMessage.WanErrorNotify;
import java.util.List;

/** One message of each of the 15 types, in type order, with every field set to something not zero. */
final class ControlSamples {
    private ControlSamples() {}

    static final List<ControlMessage> ONE_OF_EACH = List.of(
            new StartControlConnectionRequest(0x0100, 3, 3, 0, 0x1234, "pns.example.net", "pptp4j"),
            new StartControlConnectionReply(0x0100, 1, 0, 1, 2, 0xFFFF, 7, "pac", "vendor of the PAC"),
            new StopControlConnectionRequest(3),
            new StopControlConnectionReply(2, 4),
            new EchoRequest(0x01020304L),
            new EchoReply(0xFFFFFFFFL, 1, 0),
            new OutgoingCallRequest(0x8001, 0x0203, 2400, 100_000_000L, 3, 3, 64, 1, 4, "5550", "sub"),
            new OutgoingCallReply(0x0102, 0x8001, 7, 0, 0x1F, 64_000, 32, 2, 0xCAFEL),
            new IncomingCallRequest(0x0A0B, 0x0C0D, 1, 99, 3, 4, "123", "4567", "x"),
            new IncomingCallReply(0x0102, 0x0A0B, 3, 0, 10, 20),
            new IncomingCallConnected(0x0A0B, 33_600, 8, 3, 2),
            new CallClearRequest(0x8001),
            new CallDisconnectNotify(0x0102, 4, 0, 0x10, "stats"),
            new WanErrorNotify(0x8001, 1, 2, 3, 4, 5, 6),
            new SetLinkInfo(0x0102, 0x000A0000L, 0xFFFFFFFFL));
}
