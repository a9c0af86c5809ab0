package org.hilbridge.hil.scenario;

import java.util.ArrayList;
import java.util.List;
import org.hilbridge.hil.config.ConfigException;
import org.hilbridge.hil.config.ConfigTree;
import org.hilbridge.sim.terrain.DeformableSoil;
import org.hilbridge.sim.terrain.Material;
import org.hilbridge.sim.terrain.MaterialCatalog;
import org.hilbridge.sim.terrain.RigidSurface;

/**
 * The scenario's material catalog: the standard one plus the scenario's custom materials. A custom material
 * starts as a copy of a catalog material ({@code like}) and overrides some of its parameters; a rigid
 * surface takes only rigid keys and a soil only soil keys.
 */
final class MaterialSection {
    private MaterialSection() {
    }

    static MaterialCatalog read(ConfigTree c) {
        MaterialCatalog standard = MaterialCatalog.standard();
        List<Material> all = new ArrayList<>(standard.all());
        List<String> catalogNames = all.stream().map(Material::name).toList();
        for (String name : c.entries("materials")) {
            String group = "materials." + name;
            String firstKey = c.keysUnder(group).get(0);
            if (!name.matches("[a-z][a-z0-9_]*")) {
                throw new ConfigException(c.where(firstKey) + ": material name '" + name + "' (key '" + group
                        + "') is not allowed: use lower-case letters, digits and _, starting with a letter");
            }
            if (catalogNames.contains(name)) {
                throw new ConfigException(c.where(firstKey) + ": custom material '" + name + "' (key '" + group
                        + "') is not allowed: it is a catalog material; give yours a name of its own");
            }
            if (!c.has(group + ".like")) {
                throw c.missing(group + ".like", "a custom material starts from a catalog material");
            }
            Material base = standard.get(c.text(group + ".like"));
            try {
                all.add(new Material(name, base.isDeformable() ? soil(c, group, (DeformableSoil) base.surface())
                        : rigid(c, group, (RigidSurface) base.surface())));
            } catch (ConfigException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw new ConfigException(c.where(firstKey) + ": custom material '" + name + "' is not allowed: " + e.getMessage(), e);
            }
        }
        return new MaterialCatalog(all);
    }

    private static RigidSurface rigid(ConfigTree c, String group, RigidSurface r) {
        rejectKeys(c, group, ScenarioKeys.SOIL_KEYS, "a rigid surface", ScenarioKeys.RIGID_KEYS);
        return new RigidSurface(c.number(group + ".peak_mu", r.peakMu()), c.number(group + ".b_x", r.bX()),
                c.number(group + ".c_x", r.cX()), c.number(group + ".e_x", r.eX()), c.number(group + ".c_y", r.cY()),
                c.number(group + ".e_y", r.eY()), c.number(group + ".rolling_resistance_coeff", r.rollingResistanceCoeff()));
    }

    /** Soil keys are in Wong's table units; converted to SI as MaterialCatalog converts its own. */
    private static DeformableSoil soil(ConfigTree c, String group, DeformableSoil s) {
        rejectKeys(c, group, ScenarioKeys.RIGID_KEYS, "a deformable soil", ScenarioKeys.SOIL_KEYS);
        double kc = c.has(group + ".kc_kn_per_m_pow_n_plus_1") ? c.number(group + ".kc_kn_per_m_pow_n_plus_1") * 1e3 : s.kcNPerMPowNPlus1();
        double kphi = c.has(group + ".kphi_kn_per_m_pow_n_plus_2") ? c.number(group + ".kphi_kn_per_m_pow_n_plus_2") * 1e3 : s.kphiNPerMPowNPlus2();
        double cohesion = c.has(group + ".cohesion_kpa") ? c.number(group + ".cohesion_kpa") * 1e3 : s.cohesionPa();
        double phi = c.has(group + ".friction_angle_deg") ? StrictMath.toRadians(c.number(group + ".friction_angle_deg")) : s.frictionAngleRad();
        return new DeformableSoil(c.number(group + ".sinkage_exponent", s.sinkageExponent()), kc, kphi, cohesion, phi,
                c.number(group + ".shear_modulus_m", s.shearModulusM()));
    }

    private static void rejectKeys(ConfigTree c, String group, List<String> wrong, String kind, List<String> right) {
        for (String key : wrong) {
            if (c.has(group + "." + key)) {
                throw c.notAllowed(group + "." + key, "'" + c.text(group + ".like") + "' is " + kind + ", whose keys are like, "
                        + String.join(", ", right));
            }
        }
    }
}
