package io.github.llmclient.sample.demo;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import javax.imageio.ImageIO;

/** Real images for tests, made on the spot. */
public final class DemoImagesForTests {

	private DemoImagesForTests() {
	}

	/**
	 * A black PNG.
	 * @param width its width in pixels
	 * @param height its height in pixels
	 * @return the PNG's bytes
	 * @throws IOException never, in memory
	 */
	public static byte[] png(int width, int height) throws IOException {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		ImageIO.write(image, "png", bytes);
		return bytes.toByteArray();
	}

}
