package io.keepalived4j.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** check_smtp.c smtp_get_status(): three characters, then a blank or the end of the line (~ is a CR). */
class SmtpStatusTest {

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', value = {
            "220 mail.example.org ESMTP~|220",
            "250 ok~|250",
            "220|220",
            "221 |221",
            "220-mail.example.org multi-line~|-1",
            "220~|-1",
            "2200 ok~|-1",
            "22 ok~|-1",
            "abc def|-1",
            "' 220 late'|-1",
            "''|-1",
    })
    void statusIsReadAs2_2_7ReadsIt(String line, int status) {
        assertThat(SmtpHealthCheck.status(line.replace("~", "\r"))).isEqualTo(status);
    }
}
