package io.github.seattleinstaller.service.pages;

import io.github.seattleinstaller.service.testing.QrImages;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The share link's QR code, read back by ZXing from the SVG path the page draws. */
class QrCodeTest {
    @Test
    void thePathDrawsACodeThatHoldsTheText() {
        String url = "https://builder.example.org/custom_install/" + "0123456789abcdef".repeat(2) + "01234567/";
        QrCode qr = QrCode.of(url);
        assertTrue(qr.path().matches("(M\\d+ \\d+h\\d+v1h-\\d+z)+"), "only rectangles: nothing to escape or run");
        assertEquals(url, QrImages.decode(QrImages.render(qr.path(), qr.size(), 4)));
        assertEquals(0, (qr.size() - 2 * QrCode.QUIET_ZONE - 21) % 4, "a QR symbol is 21 + 4k modules wide");
    }

    @Test
    void textBeyondAsciiIsEncodedAsUtf8() {
        String text = "http://127.0.0.1:8080/bâtiment/ü/";
        QrCode qr = QrCode.of(text);
        assertEquals(text, QrImages.decode(QrImages.render(qr.path(), qr.size(), 3)));
    }
}
