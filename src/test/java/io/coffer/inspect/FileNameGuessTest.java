package io.coffer.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileNameGuessTest {

    @ParameterizedTest(name = "{0} -> {1} / {2} / {3}")
    @CsvSource(nullValues = "-", textBlock = """
            nginx-1.24.0.tar.gz,                      nginx,             1.24.0,              -
            Setup_Product_2.3.1_x64.exe,              Product,           2.3.1,               x64
            foo_1.2-3_amd64.deb,                      foo,               1.2-3,               amd64
            libcap2_1%3a2.66-4+deb12u3+b1_amd64.deb,  libcap2,           1:2.66-4+deb12u3+b1, amd64
            coffer-sample-1.4.2-7.noarch.rpm,         coffer-sample,     1.4.2-7,             noarch
            kernel-core-6.1.0-1.el9.x86_64.rpm,       kernel-core,       6.1.0-1.el9,         x86_64
            slf4j-api-2.0.20.jar,                     slf4j-api,         2.0.20,              -
            jakarta.inject-api-2.0.1.pom,             jakarta.inject-api, 2.0.1,              -
            spring-core-6.1.0-SNAPSHOT.jar,           spring-core,       6.1.0-SNAPSHOT,      -
            hibernate-core-6.4.0.Final.jar,           hibernate-core,    6.4.0.Final,         -
            jdk-21.0.2_linux-x64_bin.tar.gz,          jdk,               21.0.2,              x64
            node-v20.11.0-linux-x64.tar.xz,           node,              20.11.0,             x64
            python-3.12.1-amd64.exe,                  python,            3.12.1,              amd64
            app-2.0.0-rc1.zip,                        app,               2.0.0-rc1,           -
            Product Suite 2024.1 Installer.msi,       Product Suite,     2024.1,              -
            tool_64bit_3.1.zip,                       tool_64bit,        3.1,                 -
            README,                                   README,            -,                   -
            C:\\Users\\me\\Downloads\\nginx-1.24.0.zip, nginx,           1.24.0,              -
            /tmp/upload/nginx-1.24.0.zip,             nginx,             1.24.0,              -
            7z2301-x64.exe,                           7z2301-x64,        -,                   x64
            """)
    void guessesProductVersionAndArchitectureFromTheName(String fileName, String product, String version,
                                                         String architecture) {
        FileNameGuess guess = FileNameGuess.of(fileName);

        assertThat(guess.product()).isEqualTo(product);
        assertThat(guess.version()).isEqualTo(version);
        assertThat(guess.architecture()).isEqualTo(architecture);
    }
}
