package dev.pipfix.diagnosis;

import java.io.IOException;
import java.io.InputStream;

/**
 * Finds pip permission failures in a job log. A detector is stateless and shared; each call reads one log as a
 * stream, in one pass and bounded memory, whatever its size.
 */
public interface LogDetector {

    /**
     * @throws NotALogException when the bytes are not a text log (binary data at the start)
     * @throws IOException      when the stream cannot be read
     */
    Diagnosis scan(InputStream log) throws IOException;
}
