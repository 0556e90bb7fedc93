package dev.pipfix.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorPathsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            [Errno 13] Permission denied: '/usr/lib/python3/dist-packages/x'                                  | /usr/lib/python3/dist-packages/x
            [Errno 13] Permission denied: '/tmp/pip-target-xebfmyyv/lib/python/demo' -> '/opt/vendor/demo'     | /opt/vendor/demo
            [Errno 13] Permission denied: '/usr/lib/python3/dist-packages/yaml' -> '/tmp/pip-uninstall-k2j/yaml' | /usr/lib/python3/dist-packages/yaml
            [Errno 1] Operation not permitted                                                                 |
            """)
    void the_path_is_the_one_that_refused(String message, String path) {
        assertThat(ErrorPaths.after(message, "[Errno 13]".length())).isEqualTo(path);
    }
}
