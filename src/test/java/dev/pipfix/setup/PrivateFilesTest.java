package dev.pipfix.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the server keeps on disk is its user's alone. */
class PrivateFilesTest {

    @TempDir
    Path root;

    @Test
    void the_data_directory_is_made_owner_only_even_when_it_was_there_before() throws Exception {
        // given a data directory created with the usual umask
        Path dataDir = Files.createDirectories(root.resolve("data"));
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));

        // when
        PrivateFiles.privateDirectory(dataDir);
        PrivateFiles.write(root.resolve("fresh/credentials.env"), "X=1\n");

        // then
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir)))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("fresh"))))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("fresh/credentials.env"))))
                .isEqualTo("rw-------");
    }
}
