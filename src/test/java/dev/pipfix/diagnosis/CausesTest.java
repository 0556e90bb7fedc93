package dev.pipfix.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipfix.runner.RunnerOs;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each cause, with the evidence that selects it. */
class CausesTest {

    @ParameterizedTest(name = "{0} {1} with \"{2}\" on {3} -> {4}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            PERMISSION_DENIED              | /usr/lib/python3/dist-packages/yaml                                   | pip install pyyaml            | LINUX   | SYSTEM_SITE_PACKAGES
            PERMISSION_DENIED              | /usr/local/lib/python3.12/site-packages/x                             | pip install x                 | LINUX   | SYSTEM_SITE_PACKAGES
            PERMISSION_DENIED              | /Library/Frameworks/Python.framework/Versions/3.11/lib/python3.11/x  | pip3 install x                | MACOS   | SYSTEM_SITE_PACKAGES
            ACCESS_DENIED                  | C:\\Program Files\\Python311\\Lib\\site-packages\\yaml                 | pip install pyyaml            | WINDOWS | SYSTEM_SITE_PACKAGES
            PERMISSION_DENIED              | /home/runner/.local/lib/python3.12/site-packages/requests            | pip install requests          | LINUX   | USER_SITE_UNWRITABLE
            PERMISSION_DENIED              | /.local                                                               | pip install --user x          | LINUX   | USER_SITE_UNWRITABLE
            PERMISSION_DENIED              | /github/home/.local/lib/python3.12/site-packages/furo                 | pip install --user furo       | LINUX   | USER_SITE_UNWRITABLE
            PERMISSION_DENIED              | /Users/runner/Library/Python/3.9/lib/python/site-packages/x          | pip install --user x          | MACOS   | USER_SITE_UNWRITABLE
            PERMISSION_DENIED              | /home/runner/.cache/pip/wheels/3f/1a                                  | pip install x                 | LINUX   | ROOT_OWNED_CACHE
            PERMISSION_DENIED              | build/lib/octo/__init__.py                                            | pip install .                 | LINUX   | SOURCE_TREE_UNWRITABLE
            PERMISSION_DENIED              | octo.egg-info/PKG-INFO                                                | pip install -e .              | LINUX   | SOURCE_TREE_UNWRITABLE
            PERMISSION_DENIED              | /tmp/pip-unpack-7y2kq1/octo-1.0-py3-none-any.whl                      | pip install dist/octo.whl     | LINUX   | ROOT_OWNED_CACHE
            PERMISSION_DENIED              | /opt/hostedtoolcache/Python/3.10.18/x64/lib/python3.10/site-packages/x | pip install x                | LINUX   | TOOL_CACHE
            PERMISSION_DENIED              | /home/ci/actions-runner/_work/_tool/Python/3.11.9/x64/lib/x           | pip install x                 | LINUX   | TOOL_CACHE
            ACCESS_DENIED                  | C:\\Users\\RUNNER~1\\AppData\\Local\\Temp\\pip-uninstall-q8v3w1ke\\pip.exe | pip install --upgrade pip | WINDOWS | PIP_SELF_UPGRADE
            ACCESS_DENIED                  | c:\\hostedtoolcache\\windows\\python\\3.7.9\\x64\\lib\\site-packages\\~ip | pip install -U pip        | WINDOWS | PIP_SELF_UPGRADE
            ACCESS_DENIED                  | C:\\hostedtoolcache\\windows\\Python\\3.12.10\\x64\\Scripts\\pip3.exe  | pip3 install --upgrade pip   | WINDOWS | PIP_SELF_UPGRADE
            ACCESS_DENIED                  | -                                                                     | pip install --upgrade pip     | WINDOWS | PIP_SELF_UPGRADE
            ACCESS_DENIED                  | C:\\hostedtoolcache\\windows\\Python\\3.11.9\\x64\\Lib\\site-packages\\_cffi_backend.cp311-win_amd64.pyd | pip install -U cffi | WINDOWS | FILE_LOCKED
            FILE_IN_USE                    | C:\\Users\\x\\AppData\\Local\\Temp\\pip-unpack-84ly918m\\grpcio.whl    | pip install grpcio            | WINDOWS | FILE_LOCKED
            PERMISSION_DENIED              | /shared/apps/python/3.9/lib/python3.9/site-packages/click             | sudo pip3 install click       | LINUX   | SUDO_PIP
            OPERATION_NOT_PERMITTED        | /tmp/pip-k2p9Ab-uninstall/System/Library/x                            | sudo -H pip install six       | MACOS   | SUDO_PIP
            OPERATION_NOT_PERMITTED        | /tmp/pip-1ja9pp-uninstall/System/Library/Frameworks/Python.framework/x | pip install pipenv           | MACOS   | SYSTEM_SITE_PACKAGES
            EXTERNALLY_MANAGED_ENVIRONMENT | -                                                                     | sudo pip install x            | LINUX   | EXTERNALLY_MANAGED
            READ_ONLY_FILESYSTEM           | /usr/local/lib/python3.6/site-packages/Pillow-5.4.1.dist-info         | pip install pillow            | LINUX   | READ_ONLY
            PERMISSION_DENIED              | RECORD                                                                | pip install numpy             | LINUX   | UNKNOWN
            OPERATION_NOT_PERMITTED        | -                                                                     | pip install tensorflow        | MACOS   | UNKNOWN
            """)
    void the_evidence_selects_the_cause(Kind kind, String path, String command, RunnerOs os, Cause expected) {
        assertThat(Causes.classify(kind, Installer.PIP, path, command, os, false, false))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} refused {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            PIPX | /home/runner/.local/share/pipx/venvs/twine      | PIPX_HOME_UNWRITABLE
            PIPX | /github/home/.local/bin/mkdocs                 | PIPX_HOME_UNWRITABLE
            PIPX | C:\\Program Files (x86)\\pipx_bin\\tox.exe      | PIPX_HOME_UNWRITABLE
            PIP  | /home/runner/.local/bin/black                  | USER_SITE_UNWRITABLE
            UV   | /home/runner/.cache/uv/sdists-v9/.git          | ROOT_OWNED_CACHE
            """)
    void pipx_own_directories_are_its_cause_only_when_pipx_was_refused(
            Installer installer, String path, Cause expected) {
        assertThat(Causes.classify(
                        Kind.PERMISSION_DENIED, installer, path, "x install y", RunnerOs.UNKNOWN, false, false))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "pip's cache warning without a path -> {1}")
    @CsvSource({"true, ROOT_OWNED_CACHE", "false, UNKNOWN"})
    void pips_cache_warning_names_the_cache_when_the_error_names_no_path(boolean warned, Cause expected) {
        assertThat(Causes.classify(
                        Kind.PERMISSION_DENIED, Installer.PIP, null, "pip install x", RunnerOs.LINUX, warned, false))
                .isEqualTo(expected);
    }
}
