package org.hilbridge.sim.terrain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The materials a scenario may name. The standard catalog's values and their sources:
 *
 * <p>Rigid surfaces. Magic Formula shapes for dry and wet asphalt and for snow are the widely used
 * "typical" coefficient sets for those surfaces (MathWorks, Simscape Driveline "Tire-Road Interaction
 * (Magic Formula)", table of B, C, D, E per surface: dry tarmac 10/1.9/1/0.97, wet tarmac 12/2.3/0.82/1,
 * snow 5/2/0.3/1). Gravel and grass peaks follow the road adhesion table of Wong, "Theory of Ground
 * Vehicles", 4th ed., Table 1.3 (gravel peak 0.6; earth road, wet, peak 0.55 standing in for grass); their
 * B, C, E are our choice of a shape with a sliding value 5-10 % below the peak, as that table shows.
 * The lateral shape uses C = 1.3 (Pacejka 2012, §4.3.2, typical for side force) and E = -0.5. Rolling
 * resistance coefficients: passenger-car tires, Wong Table 1.1 (concrete/asphalt 0.013, rolled gravel
 * 0.02, unpaved road 0.05 for grass); 0.025 for packed snow is our estimate.
 *
 * <p>Deformable soils. Bekker and Janosi-Hanamoto values from Wong, Table 2.3: dry sand (Land Locomotion
 * Laboratory), n 1.1, kc 0.99 kN/m^(n+1), kphi 1528.43 kN/m^(n+2), c 1.04 kPa, phi 28 deg; clay is heavy clay
 * (Waterways Experiment Station) at 25 % moisture, n 0.13, kc 12.70, kphi 1555.95, c 68.95 kPa, phi 34 deg;
 * mud is the same heavy clay at 40 % moisture, n 0.11, kc 1.84, kphi 103.27, c 20.69 kPa, phi 6 deg. Shear
 * deformation moduli K (not in that table) are representative values from Wong §2.3, which reports K from
 * well under 1 cm for firm clays to a few centimetres for loose sand and saturated soils.
 */
public final class MaterialCatalog {
    private final Map<String, Material> byName;

    public MaterialCatalog(List<Material> materials) {
        Map<String, Material> map = new LinkedHashMap<>();
        for (Material m : materials) {
            if (map.put(m.name(), m) != null) {
                throw new IllegalArgumentException("material '" + m.name() + "' is defined twice");
            }
        }
        if (map.isEmpty()) {
            throw new IllegalArgumentException("a material catalog needs at least one material");
        }
        this.byName = Collections.unmodifiableMap(map);
    }

    /** The eight standard materials (see the class comment for sources). */
    public static MaterialCatalog standard() {
        List<Material> list = new ArrayList<>();
        list.add(new Material("dry_asphalt", new RigidSurface(1.0, 10, 1.9, 0.97, 1.3, -0.5, 0.013)));
        list.add(new Material("wet_asphalt", new RigidSurface(0.82, 12, 2.3, 1.0, 1.3, -0.5, 0.013)));
        list.add(new Material("gravel", new RigidSurface(0.6, 6, 1.9, 0.97, 1.3, -0.5, 0.02)));
        list.add(new Material("grass", new RigidSurface(0.55, 5, 2.0, 1.0, 1.3, -0.5, 0.05)));
        list.add(new Material("snow", new RigidSurface(0.3, 5, 2.0, 1.0, 1.3, -0.5, 0.025)));
        list.add(new Material("dry_sand", soil(1.1, 0.99, 1528.43, 1.04, 28.0, 0.015)));
        list.add(new Material("clay", soil(0.13, 12.70, 1555.95, 68.95, 34.0, 0.006)));
        list.add(new Material("mud", soil(0.11, 1.84, 103.27, 20.69, 6.0, 0.025)));
        return new MaterialCatalog(list);
    }

    /** A soil from Wong's table units: kc in kN/m^(n+1), kphi in kN/m^(n+2), c in kPa, phi in degrees. */
    private static DeformableSoil soil(double n, double kcKilo, double kphiKilo, double cKpa, double phiDeg, double kM) {
        return new DeformableSoil(n, kcKilo * 1e3, kphiKilo * 1e3, cKpa * 1e3, StrictMath.toRadians(phiDeg), kM);
    }

    /** The material called {@code name}; an unknown name is an error that lists the allowed ones. */
    public Material get(String name) {
        Material m = byName.get(name);
        if (m == null) {
            throw new IllegalArgumentException("unknown material '" + name + "': allowed are " + String.join(", ", byName.keySet()));
        }
        return m;
    }

    public List<Material> all() {
        return List.copyOf(byName.values());
    }
}
