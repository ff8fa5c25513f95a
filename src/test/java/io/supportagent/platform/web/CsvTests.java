package io.supportagent.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which of JSON and CSV an Accept header asks for. */
class CsvTests {

    @ParameterizedTest(name = "''{0}'' prefers CSV: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "text/csv | true",
                "text/csv; charset=utf-8 | true",
                "application/json, text/csv | false",
                "text/csv, application/json | true",
                "application/json;q=0.5, text/csv | true",
                "text/csv;q=0, application/json | false",
                "*/* | false",
                "application/json | false",
                "application/problem+json, text/csv | true",
                "not a media type | false",
                "'' | false"
            })
    void prefersCsvOnlyWhenTheClientDoes(String accept, boolean csv) {
        assertThat(Csv.preferred(accept)).isEqualTo(csv);
    }
}
