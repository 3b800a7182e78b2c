import java.awt.image.BufferedImage;
import java.io.File;

import javax.imageio.ImageIO;

/**
 * Counts, in a browser's screenshot of a validation report, the pixels of what only a drawn chart
 * contains: the flagged value's red dot and the shaded band of expected values (their colours in
 * kz.labour.reporting.quality.ValidationHtml). Run as {@code java ChartPixels.java screenshot.png};
 * prints "red N band M".
 */
public class ChartPixels {

    public static void main(String[] args) throws Exception {
        BufferedImage image = ImageIO.read(new File(args[0]));
        long red = 0;
        long band = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (near(r, 200, 30) && near(g, 30, 30) && near(b, 30, 30)) {
                    red++;
                }
                // the band, (40, 120, 200) at alpha 50/255 over white: about (212, 228, 244)
                if (near(r, 212, 10) && near(g, 228, 10) && near(b, 244, 10)) {
                    band++;
                }
            }
        }
        System.out.println("red " + red + " band " + band);
    }

    private static boolean near(int value, int target, int tolerance) {
        return Math.abs(value - target) <= tolerance;
    }
}
