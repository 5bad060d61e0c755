package io.pptp4j.linux.peers;

import io.pptp4j.linux.netns.CommandResult;
import io.pptp4j.linux.netns.NetworkNamespace;
import java.io.IOException;
import java.io.StringReader;
import java.net.Inet4Address;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * nmap's pptp-version script run from a network namespace:
 * {@code nmap -Pn -n -p1723 --script pptp-version -oX - HOST}.
 *
 * <p>The script sends a Start-Control-Connection-Request and reads the reply's Firmware Revision, Host
 * Name and Vendor String. It prints nothing of its own: it sets the port's service version, which the
 * XML shows as {@code <service name="pptp" product="VENDOR" version="(Firmware: N)" hostname="HOST"/>}
 * (version left out when the firmware is 0, product and hostname when empty).
 */
public final class NmapPeer {
    private static final Pattern FIRMWARE = Pattern.compile("\\(Firmware: (\\d+)\\)");

    private NmapPeer() {}

    /**
     * What nmap found on TCP 1723.
     *
     * @param portState e.g. {@code open}, {@code closed}, {@code filtered}
     * @param serviceName e.g. {@code pptp} (set by the script once it understood the reply)
     * @param vendor the SCCRP's Vendor String (nmap's "product")
     * @param firmware the SCCRP's Firmware Revision, empty when 0 or not read
     * @param hostname the SCCRP's Host Name
     * @param xml nmap's whole XML output
     */
    public record PptpVersion(String portState, Optional<String> serviceName, Optional<String> vendor,
                              OptionalInt firmware, Optional<String> hostname, String xml) {}

    /** Runs nmap in {@code namespace} against {@code target}, waiting at most {@code timeout}. */
    public static PptpVersion scan(NetworkNamespace namespace, Inet4Address target, Duration timeout) throws IOException {
        CommandResult r = namespace.execUnchecked(timeout, List.of("nmap", "-Pn", "-n", "-p" + PptpdPeer.PORT,
                "--script", "pptp-version", "-oX", "-", target.getHostAddress()));
        if (r.exitCode() != 0) {
            throw new IOException("`" + r.commandLine() + "` exited with " + r.exitCode() + ": " + r.stderr().strip());
        }
        return parse(r.stdout());
    }

    /** Reads the port and service of TCP 1723 from nmap's XML ({@code -oX}). */
    public static PptpVersion parse(String xml) throws IOException {
        Document d = document(xml);
        NodeList ports = d.getElementsByTagName("port");
        for (int i = 0; i < ports.getLength(); i++) {
            Element port = (Element) ports.item(i);
            if (!"tcp".equals(port.getAttribute("protocol")) || !Integer.toString(PptpdPeer.PORT).equals(port.getAttribute("portid"))) {
                continue;
            }
            Element state = child(port, "state");
            Element service = child(port, "service");
            String portState = state == null ? "unknown" : state.getAttribute("state");
            if (service == null) {
                return new PptpVersion(portState, Optional.empty(), Optional.empty(), OptionalInt.empty(), Optional.empty(), xml);
            }
            OptionalInt firmware = OptionalInt.empty();
            Matcher m = FIRMWARE.matcher(service.getAttribute("version"));
            if (m.find()) {
                firmware = OptionalInt.of(Integer.parseInt(m.group(1)));
            }
            return new PptpVersion(portState, attribute(service, "name"), attribute(service, "product"), firmware,
                    attribute(service, "hostname"), xml);
        }
        throw new IOException("nmap's XML has no tcp port " + PptpdPeer.PORT + ":\n" + xml);
    }

    private static Document document(String xml) throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            // nmap's output names a DOCTYPE and a stylesheet; fetch nothing
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            return b.parse(new InputSource(new StringReader(xml)));
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("nmap's XML does not parse: " + e.getMessage(), e);
        }
    }

    private static Element child(Element parent, String name) {
        NodeList list = parent.getElementsByTagName(name);
        return list.getLength() == 0 ? null : (Element) list.item(0);
    }

    private static Optional<String> attribute(Element e, String name) {
        return e.hasAttribute(name) ? Optional.of(e.getAttribute(name)) : Optional.empty();
    }
}
