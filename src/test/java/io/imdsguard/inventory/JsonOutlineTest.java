package io.imdsguard.inventory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The outline finds where a value ends without tokenizing it. Each document is walked with every buffer
 * size from one byte up, so that every bracket, quote and escape meets the end of a buffer once.
 */
class JsonOutlineTest {
    /** Strings holding brackets, quotes and backslashes (escaped quote last before the close), nesting, scalars. */
    private static final String TRICKY = "{\"a\" : [ 1, -2.5e3, true, null ], \"s\" : \"]}[{ \\\" \\\\\", "
            + "\"t\" : \"\\\\\\\"\", \"u\" : \"\\u005d\\\\\", \"o\" : { \"p\" : [ [ ], { } ], \"q\" : \"caf\u00e9\" } }";

    @ParameterizedTest(name = "{0}-byte buffer")
    @ValueSource(ints = {1, 2, 3, 4, 5, 7, 8, 13, 64, 1 << 20})
    void findsTheEndOfANestedValueWhateverTheBufferSize(int bufferSize) throws Exception {
        String document = TRICKY + " , 42";
        JsonOutline outline = outline(document, bufferSize);
        outline.skipValue();
        assertThat(outline.offset()).isEqualTo(TRICKY.getBytes(StandardCharsets.UTF_8).length);
        assertThat(outline.more(']')).as("the comma after the value").isTrue();
    }

    @ParameterizedTest(name = "{0}-byte buffer")
    @ValueSource(ints = {1, 2, 3, 5, 1 << 20})
    void walksMembersAndElements(int bufferSize) throws Exception {
        JsonOutline outline = outline("{ \"regions\" : [ { \"x\" : \"}\" }, [ \"\\\\\" ] ], \"n\" : 7 }", bufferSize);
        assertThat(outline.open('{', '}')).isFalse();
        assertThat(outline.name()).isEqualTo("regions");
        assertThat(outline.open('[', ']')).isFalse();
        outline.skipValue();
        assertThat(outline.more(']')).isTrue();
        outline.skipValue();
        assertThat(outline.more(']')).isFalse();
        assertThat(outline.more('}')).isTrue();
        assertThat(outline.name()).isEqualTo("n");
        outline.skipValue();
        assertThat(outline.more('}')).isFalse();
        assertThat(outline.peek()).isEqualTo(-1);
    }

    @ParameterizedTest(name = "{0}-byte buffer")
    @ValueSource(ints = {1, 2, 3, 1 << 20})
    void anUnterminatedValueIsUnexpected(int bufferSize) {
        assertThatThrownBy(() -> outline("{ \"a\" : \"open", bufferSize).skipValue())
                .isInstanceOf(JsonOutline.Unexpected.class).hasMessageContaining("unterminated string");
        assertThatThrownBy(() -> outline("{ \"a\" : \"\\", bufferSize).skipValue())
                .isInstanceOf(JsonOutline.Unexpected.class).hasMessageContaining("unterminated string");
        assertThatThrownBy(() -> outline("[ [ 1 ], { }", bufferSize).skipValue())
                .isInstanceOf(JsonOutline.Unexpected.class).hasMessageContaining("unterminated object or array");
    }

    @Test
    void refusesNestingDeeperThanTheLimit() throws Exception {
        String deep = "[".repeat(JsonOutline.MAX_DEPTH + 1) + "]".repeat(JsonOutline.MAX_DEPTH + 1);
        assertThatThrownBy(() -> outline(deep, 7).skipValue())
                .isInstanceOf(JsonOutline.Unexpected.class).hasMessageContaining("nested deeper than");
        String allowed = "[".repeat(JsonOutline.MAX_DEPTH) + "]".repeat(JsonOutline.MAX_DEPTH);
        JsonOutline outline = outline(allowed, 7);
        outline.skipValue();
        assertThat(outline.offset()).isEqualTo(allowed.length());
    }

    private static JsonOutline outline(String document, int bufferSize) {
        return new JsonOutline(new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8)), bufferSize);
    }

    @Test
    void theTrickyDocumentIsValidJson() throws IOException {
        // The outline only steps over what Jackson will bind; the test's document must be one Jackson reads.
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(TRICKY);
    }
}
