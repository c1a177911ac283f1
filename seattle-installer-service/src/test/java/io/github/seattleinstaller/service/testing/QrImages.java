package io.github.seattleinstaller.service.testing;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.ChecksumException;
import com.google.zxing.DecodeHintType;
import com.google.zxing.FormatException;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads QR codes back with ZXing's reader: from a browser's screenshot, or from the SVG path the page serves. */
public final class QrImages {
    private static final Pattern RUN = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-(\\d+)z");

    private QrImages() {
    }

    /** The text of the QR code in a PNG (a screenshot). */
    public static String decodePng(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        if (image == null) {
            throw new AssertionError("not an image");
        }
        return decode(image);
    }

    public static String decode(BufferedImage image) {
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(image.getWidth(),
                image.getHeight(), pixels)));
        try {
            return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.FALSE)).getText();
        } catch (NotFoundException | ChecksumException | FormatException e) {
            throw new AssertionError("no readable QR code in the image: " + e, e);
        }
    }

    /**
     * Draws an SVG path of the page's form ({@code M<x> <y>h<w>v1h-<w>z} runs, nothing else) in a square of
     * {@code size} modules, {@code scale} pixels each; anything else in the path fails the test.
     */
    public static BufferedImage render(String path, int size, int scale) {
        BufferedImage image = new BufferedImage(size * scale, size * scale, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, size * scale, size * scale);
        graphics.setColor(Color.BLACK);
        Matcher run = RUN.matcher(path);
        int end = 0;
        while (run.find()) {
            if (run.start() != end || !run.group(3).equals(run.group(4))) {
                throw new AssertionError("unexpected path text at " + end + ": " + path.substring(end, run.start() + 1));
            }
            end = run.end();
            graphics.fillRect(Integer.parseInt(run.group(1)) * scale, Integer.parseInt(run.group(2)) * scale,
                    Integer.parseInt(run.group(3)) * scale, scale);
        }
        if (end != path.length()) {
            throw new AssertionError("unexpected path text at " + end);
        }
        graphics.dispose();
        return image;
    }
}
