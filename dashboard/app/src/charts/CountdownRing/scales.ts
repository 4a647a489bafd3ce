import { scaleLinear } from 'd3-scale';

/** Remaining share → sweep angle (radians), full circle at 1. */
export const angleScale = scaleLinear().domain([0, 1]).range([0, 2 * Math.PI]).clamp(true);
