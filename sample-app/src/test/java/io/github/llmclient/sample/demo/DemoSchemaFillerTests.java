package io.github.llmclient.sample.demo;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo model fills any schema from the prompt, by what its property names suggest. */
class DemoSchemaFillerTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void followsRefsAnyOfEnumsListsAndNumbers() {
		String schema = """
				{"type":"object","properties":{
				  "attendees":{"type":"array","items":{"type":"string"}},
				  "emails":{"type":"array","items":{"type":"string"}},
				  "room":{"type":"integer"},
				  "priority":{"type":"string","enum":["low","normal","urgent"]},
				  "organiser":{"$ref":"#/$defs/Person"},
				  "online":{"type":"boolean"},
				  "city":{"anyOf":[{"type":"string"},{"type":"null"}]},
				  "date":{"type":["string","null"]}},
				 "required":["attendees","emails","room","priority","organiser","online","city","date"],
				 "$defs":{"Person":{"type":"object","properties":{"firstName":{"type":"string"},
				   "email":{"type":"string"}},"required":["firstName","email"]}}}
				""";
		String text = "Urgent: Grace Hopper (grace@navy.example) and Alan Turing (alan@bletchley.example) meet in "
				+ "room 42 in London on 2026-05-01.";
		assertThat(fill(schema, text)).isEqualTo(this.json.readTree("""
				{"attendees":["Grace Hopper","Alan Turing"],"emails":["grace@navy.example","alan@bletchley.example"],
				 "room":42,"priority":"urgent","organiser":{"firstName":"Grace","email":"grace@navy.example"},
				 "online":false,"city":"London","date":"2026-05-01"}
				"""));
	}

	@Test
	void leavesOutOptionalPropertiesTheTextLacksAndNullsNullableOnes() {
		String schema = """
				{"type":"object","properties":{"name":{"type":"string"},"phone":{"type":"string"},
				 "company":{"type":["string","null"]}},"required":["name","company"]}
				""";
		assertThat(fill(schema, "Hi, this is Ada Lovelace.")).isEqualTo(
				this.json.readTree("{\"name\":\"Ada Lovelace\",\"company\":null}"));
	}

	@Test
	void findsTimeZonesByIdCityOrUtc() {
		assertThat(DemoTimeZones.in("What time is it in Buenos Aires?")).isEqualTo("America/Argentina/Buenos_Aires");
		assertThat(DemoTimeZones.in("Paris or Tokyo?")).isEqualTo("Europe/Paris");
		assertThat(DemoTimeZones.in("Time in Australia/Perth please")).isEqualTo("Australia/Perth");
		assertThat(DemoTimeZones.in("And in San Francisco?")).isEqualTo("America/Los_Angeles");
		assertThat(DemoTimeZones.in("What is the time in UTC?")).isEqualTo("UTC");
		assertThat(DemoTimeZones.in("What time is it?")).isEqualTo("UTC");
	}

	private JsonNode fill(String schema, String text) {
		return this.json.readTree(DemoSchemaFiller.fill(this.json.readTree(schema), text));
	}

}
