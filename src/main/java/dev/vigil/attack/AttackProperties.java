package dev.vigil.attack;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * ATT&amp;CK settings.
 *
 * @param damageOverrides damage scores (0-100) that replace the shipped ones, by technique id
 *     ({@code T1003.001: 100}) or tactic short name ({@code discovery: 30})
 */
@ConfigurationProperties("vigil.attack")
public record AttackProperties(@DefaultValue Map<String, Integer> damageOverrides) {}
