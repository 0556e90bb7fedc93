package dev.pipfix.setup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files only this server's user may read (mode 0600): the saved credentials, the setup code; and the data directory
 * (0700), which also holds the embedded database (repository names, dry-run comments quoting private log lines),
 * whose files H2 creates with the process's umask.
 */
public final class PrivateFiles {

    private PrivateFiles() {}

    /**
     * Writes the file whole beside its place, readable by the owner only from the start, then moves it in: a crash
     * never leaves half of it, and nobody can open it in between.
     */
    /** Creates the directory if need be and makes it the owner's alone (0700) where the file system has modes. */
    public static void privateDirectory(Path directory) throws IOException {
        Files.createDirectories(directory);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        }
    }

    public static void write(Path file, String text) throws IOException {
        privateDirectory(file.toAbsolutePath().getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(temporary);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(
                    temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(temporary);
        }
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
