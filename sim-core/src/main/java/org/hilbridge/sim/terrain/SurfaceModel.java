package org.hilbridge.sim.terrain;

/**
 * How a material meets a tire: a rigid surface (Pacejka's Magic Formula friction) or a deformable soil
 * (Bekker-Wong pressure-sinkage and Janosi-Hanamoto shear). The vehicle picks its tire model from this.
 */
public sealed interface SurfaceModel permits RigidSurface, DeformableSoil {
}
