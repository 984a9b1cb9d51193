/** The Sigma engine: rule reading, compilation, log-source routing and the per-route rule index. */
@org.jspecify.annotations.NullMarked
package dev.vigil.attack.sigma;
