package io.github.seattleinstaller.service.pages;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;

import java.util.Map;

/**
 * A QR code of a text (the installers page's share link), drawn as one SVG path: each run of dark modules in a row
 * is a rectangle {@code M<x> <y>h<w>v1h-<w>z}, in a square of {@link #size()} modules including the quiet zone.
 * The template puts {@link #path()} into an attribute, escaped like any other value.
 */
public record QrCode(String text, int size, String path) {
    /** The quiet zone the standard asks for around the symbol, in modules. */
    public static final int QUIET_ZONE = 4;

    public static QrCode of(String text) {
        ByteMatrix modules;
        try {
            modules = Encoder.encode(text, ErrorCorrectionLevel.M, Map.of(EncodeHintType.CHARACTER_SET, "UTF-8"))
                    .getMatrix();
        } catch (WriterException e) {
            throw new IllegalArgumentException("the text does not fit in a QR code: " + e.getMessage(), e);
        }
        int size = modules.getWidth() + 2 * QUIET_ZONE;
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < modules.getHeight(); y++) {
            int x = 0;
            while (x < modules.getWidth()) {
                if (modules.get(x, y) != 1) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < modules.getWidth() && modules.get(x, y) == 1) {
                    x++;
                }
                int run = x - start;
                path.append('M').append(start + QUIET_ZONE).append(' ').append(y + QUIET_ZONE)
                        .append('h').append(run).append("v1h-").append(run).append('z');
            }
        }
        return new QrCode(text, size, path.toString());
    }
}
