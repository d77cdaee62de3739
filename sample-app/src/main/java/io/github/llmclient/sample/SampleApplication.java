package io.github.llmclient.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The sample application: a WebFlux app that uses the starter the way any user would, configured
 * only in {@code application.yml}. By default it talks to the offline demo model it serves itself
 * under {@code /demo/v1}; the {@code openai} and {@code anthropic} profiles point it at the real
 * services.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SampleApplication {

	/**
	 * Starts the application.
	 * @param args command-line arguments, e.g. {@code --server.port=9090}
	 */
	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
