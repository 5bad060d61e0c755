package io.pptp4j.ppp.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Reads secrets files from disk, refusing, as ssh does for private keys, a file that its group or others
 * may read or write: {@code /etc/ppp/chap-secrets: readable by others (mode 0644); chmod 600 it}. Indirect
 * {@code @/path} secrets are read with the same check. Parsing is {@link SecretsParser}'s.
 */
public final class SecretsFile {
    private SecretsFile() {
    }

    /** Loads {@code file}; parse errors name it as {@code file:line:column}. */
    public static SecretsTable load(Path file) throws IOException {
        return SecretsParser.parse(file.toString(), readChecked(file), resolver());
    }

    /** Reads indirect secret files through {@link #readChecked(Path)}. */
    public static SecretResolver resolver() {
        return path -> readChecked(Path.of(path));
    }

    /** The file's text (UTF-8), after checking that only its owner may read or write it. */
    public static String readChecked(Path file) throws IOException {
        checkPermissions(file);
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /** Throws {@link SecretsFileException} if {@code file} is missing, not a regular file, or open to group or others. */
    public static void checkPermissions(Path file) throws IOException {
        var view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            throw new SecretsFileException(file + ": cannot check permissions (no POSIX file attributes)");
        }
        Set<PosixFilePermission> permissions;
        try {
            var attributes = view.readAttributes();
            if (!attributes.isRegularFile()) {
                throw new SecretsFileException(file + ": not a regular file");
            }
            permissions = attributes.permissions();
        } catch (NoSuchFileException e) {
            throw new SecretsFileException(file + ": no such file");
        }
        String mode = String.format("%04o", mode(permissions));
        String others = access(permissions.contains(PosixFilePermission.OTHERS_READ),
                permissions.contains(PosixFilePermission.OTHERS_WRITE));
        String group = access(permissions.contains(PosixFilePermission.GROUP_READ),
                permissions.contains(PosixFilePermission.GROUP_WRITE));
        if (others != null) {
            throw new SecretsFileException(file + ": " + others + " by others (mode " + mode + "); chmod 600 it");
        }
        if (group != null) {
            throw new SecretsFileException(file + ": " + group + " by group (mode " + mode + "); chmod 600 it");
        }
    }

    private static String access(boolean read, boolean write) {
        if (read && write) {
            return "readable and writable";
        }
        return read ? "readable" : write ? "writable" : null;
    }

    private static int mode(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission p : permissions) {
            mode |= 1 << (8 - p.ordinal()); // OWNER_READ is ordinal 0 = 0400 ... OTHERS_EXECUTE is 0001
        }
        return mode;
    }

    static {
        // The ordinal mapping above relies on the enum's documented order.
        if (PosixFilePermission.OWNER_READ.ordinal() != 0 || PosixFilePermission.OTHERS_EXECUTE.ordinal() != 8) {
            throw new AssertionError("unexpected PosixFilePermission order");
        }
    }
}
