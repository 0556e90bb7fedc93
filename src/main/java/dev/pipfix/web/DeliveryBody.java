package dev.pipfix.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.filter.FilteringParserDelegate;
import com.fasterxml.jackson.core.filter.TokenFilter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import javax.crypto.Mac;

/**
 * A delivery's body, read once as it streams in: every byte goes through the HMAC while the JSON is parsed for the
 * fields pipfix reads, so the body is never held whole and an unauthenticated sender decides nothing about how much
 * memory its request takes. Nothing read is believed until the HMAC over the last byte matches.
 */
final class DeliveryBody {

    /**
     * Strings and names longer than any GitHub puts in the fields pipfix keeps are refused as they are read: with the
     * filter's bounds this caps what an unauthenticated body can make the parser hold. Skipped values are not
     * materialised, so a long commit message elsewhere in a signed delivery costs nothing.
     */
    static final int MAX_KEPT_STRING_CHARS = 16 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(MAX_KEPT_STRING_CHARS)
                    .maxNameLength(MAX_KEPT_STRING_CHARS)
                    .build())
            .build());
    private static final int BUFFER_BYTES = 16 * 1024;

    private DeliveryBody() {}

    /** The body's JSON, as far as it could be parsed. */
    sealed interface Json permits Payload, NotJson {}

    /** The fields kept by the filter; the root is an object. */
    record Payload(JsonNode root) implements Json {}

    record NotJson(String reason) implements Json {}

    /**
     * What reading found.
     *
     * @param hmac    the HMAC over every byte, when a {@link Mac} was given
     * @param overCap the body went on past the cap: the rest was not read, and nothing else here counts
     */
    record Read(Optional<byte[]> hmac, boolean overCap, Json json) {}

    /** Reads to the end (or the cap), parsing the JSON for the fields {@code filter} keeps. */
    static Read read(InputStream body, Optional<Mac> mac, long maxBytes, TokenFilter filter) throws IOException {
        HashingStream in = new HashingStream(body, mac, maxBytes);
        Json json;
        try (JsonParser parser = new FilteringParserDelegate(
                JSON.createParser(in), filter, TokenFilter.Inclusion.INCLUDE_ALL_AND_PATH, true)) {
            JsonNode root = JSON.readTree(parser);
            json = root == null || root.isMissingNode()
                    ? new NotJson("the body is empty")
                    : root.isObject() ? new Payload(root) : new NotJson("the body is not a JSON object");
        } catch (JsonProcessingException e) {
            json = new NotJson("the body is not JSON: " + e.getOriginalMessage());
        } catch (CharConversionException e) {
            // Jackson guesses the encoding from the first bytes and refuses some it cannot read (found by fuzzing)
            json = new NotJson("the body is not JSON in an encoding pipfix reads: " + e.getMessage());
        } catch (RuntimeException e) {
            // the filtering parser has its own faults on some malformed input (a NullPointerException in
            // TokenFilterContext, found by fuzzing): whatever the parser throws, the body is not JSON pipfix reads
            json = new NotJson(
                    "the body is not JSON pipfix can read (" + e.getClass().getSimpleName() + ")");
        }
        // the HMAC covers every byte, including any after the JSON (or after the point it stopped parsing)
        in.drain();
        return new Read(mac.map(Mac::doFinal), in.overCap(), json);
    }

    /** Reads to the end (or the cap) and keeps nothing: for a body that cannot be authenticated anyway. */
    static boolean discard(InputStream body, long maxBytes) throws IOException {
        HashingStream in = new HashingStream(body, Optional.empty(), maxBytes);
        in.drain();
        return in.overCap();
    }

    /** Feeds what is read to the HMAC, and ends at the cap. Closing it leaves the request's stream to its owner. */
    private static final class HashingStream extends InputStream {

        private final InputStream in;
        private final Optional<Mac> mac;
        private final long maxBytes;
        private long count;
        private boolean overCap;

        HashingStream(InputStream in, Optional<Mac> mac, long maxBytes) {
            this.in = in;
            this.mac = mac;
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (overCap) {
                return -1;
            }
            int read = in.read(buffer, offset, length);
            if (read > 0) {
                count += read;
                if (count > maxBytes) {
                    overCap = true;
                    return -1;
                }
                mac.ifPresent(m -> m.update(buffer, offset, read));
            }
            return read;
        }

        void drain() throws IOException {
            byte[] buffer = new byte[BUFFER_BYTES];
            while (read(buffer, 0, buffer.length) >= 0) {
                // every byte read goes through the HMAC
            }
        }

        boolean overCap() {
            return overCap;
        }

        @Override
        public void close() {
            // the route owns the request's stream
        }
    }
}
