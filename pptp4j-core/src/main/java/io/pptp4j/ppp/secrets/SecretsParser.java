package io.pptp4j.ppp.secrets;

import io.pptp4j.ppp.options.Ipv4;
import io.pptp4j.ppp.options.PppConfigException;
import io.pptp4j.ppp.options.PppWordReader;
import io.pptp4j.ppp.options.Position;
import io.pptp4j.ppp.options.Word;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses pppd's chap-secrets / pap-secrets format (pppd(8), "AUTHENTICATION"): one entry a line,
 * {@code client server secret [address...]}, words as in an options file ({@link PppWordReader}: quotes,
 * backslash escapes, {@code #} comments, backslash-newline continuation).
 * <ul>
 * <li>A secret {@code @/path} is the first word of the file {@code /path}, read through a
 *     {@link SecretResolver} (pppd 2.4.5 and later need the {@code /}; {@code @name} without it is a
 *     literal secret). A file with no word is an error.</li>
 * <li>Addresses: see {@link AddressList} and {@link AddressRule}. Only IPv4 literals: pppd would also
 *     look up host names, which this pure parser does not.</li>
 * <li>Unlike pppd, which skips them silently, a line with only a client, or only a client and a server,
 *     is an error ({@code missing server}, {@code missing secret}).</li>
 * </ul>
 * Errors are {@link PppConfigException}s naming the source, line and column, never the secret.
 */
public final class SecretsParser {
    private SecretsParser() {
    }

    /** Parses {@code text}; indirect {@code @/path} secrets are refused. */
    public static SecretsTable parse(String source, String text) {
        return parse(source, text, SecretResolver.NONE);
    }

    public static SecretsTable parse(String source, String text, SecretResolver resolver) {
        List<Word> words = PppWordReader.words(source, text);
        List<SecretEntry> entries = new ArrayList<>();
        int i = 0;
        while (i < words.size()) {
            int end = i + 1;
            while (end < words.size() && !words.get(end).startsLine()) {
                end++;
            }
            entries.add(entry(words.subList(i, end), resolver));
            i = end;
        }
        return new SecretsTable(entries, DomainMatching.LITERAL);
    }

    private static SecretEntry entry(List<Word> line, SecretResolver resolver) {
        Word client = line.get(0);
        if (line.size() < 2) {
            throw new PppConfigException(client.position(), "missing server");
        }
        if (line.size() < 3) {
            throw new PppConfigException(client.position(), "missing secret");
        }
        Word secretWord = line.get(2);
        Secret secret = secret(secretWord, resolver);
        List<Word> addressWords = line.subList(3, line.size());
        return new SecretEntry(client.text(), line.get(1).text(), secret, addresses(addressWords),
                client.position());
    }

    private static Secret secret(Word word, SecretResolver resolver) {
        String text = word.text();
        if (!text.startsWith("@/")) {
            return Secret.of(text);
        }
        String path = text.substring(1);
        String content;
        try {
            content = resolver.read(path);
        } catch (IOException e) {
            throw new PppConfigException(word.position(), e.getMessage());
        }
        List<Word> words;
        try {
            words = PppWordReader.words(path, content);
        } catch (PppConfigException e) {
            throw new PppConfigException(word.position(), "in indirect secret file " + e.getMessage());
        }
        if (words.isEmpty()) {
            throw new PppConfigException(word.position(), "no secret in indirect secret file " + path);
        }
        return Secret.of(words.getFirst().text());
    }

    private static AddressList addresses(List<Word> words) {
        if (words.isEmpty() || words.getFirst().text().equals("-")) {
            return AddressList.NONE;
        }
        List<AddressRule> rules = new ArrayList<>();
        for (Word word : words) {
            rules.add(rule(word.text(), word.position()));
        }
        return new AddressList(rules);
    }

    static AddressRule rule(String word, Position at) {
        boolean exclude = word.startsWith("!");
        String rest = exclude ? word.substring(1) : word;
        if (rest.equals("*")) {
            return new AddressRule(exclude, true, 0, 0, false);
        }
        boolean unitHost = false;
        int prefix = 32;
        int slash = rest.indexOf('/');
        String address = rest;
        if (slash >= 0) {
            String length = rest.substring(slash + 1);
            address = rest.substring(0, slash);
            if (length.endsWith("+")) {
                unitHost = true;
                length = length.substring(0, length.length() - 1);
            }
            if (length.isEmpty() || length.length() > 2 || !length.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(length) > 32) {
                throw new PppConfigException(at, "bad prefix length in address " + word + " (expected /0 to /32)");
            }
            prefix = Integer.parseInt(length);
        }
        var parsed = Ipv4.parse(address);
        if (parsed.isEmpty()) {
            throw new PppConfigException(at, "bad address " + word
                    + " (expected *, -, a.b.c.d, a.b.c.d/n or a.b.c.d/n+, optionally after !)");
        }
        return new AddressRule(exclude, false, Ipv4.toInt(parsed.get()), prefix, unitHost);
    }
}
