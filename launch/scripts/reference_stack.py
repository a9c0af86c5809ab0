#!/usr/bin/python3
"""The reference autonomy stack's ROS path (rospy, Debian's python3-rospy): a test stand-in, not an
autonomy product.

It does what the Java stack (org.hilbridge.hil.stack.ReferenceStack, `hilbridge stack`) does over the
protobuf socket, with ROS topics instead, minus the camera rule:
  - pose from wheel odometry (vehicle/odom, nav_msgs/Odometry) started at the scenario's initial pose,
    corrected by GNSS (gnss/fix, sensor_msgs/NavSatFix, in the scenario's datum) as the Java Localizer does:
    position by a complementary filter, heading from the GNSS course over ground;
  - pure pursuit along the scenario's route (Coulter, CMU-RI-TR-92-01: delta = atan(2 L sin(alpha) / l_d));
  - stops for obstacles in a straight corridor ahead seen in lidar/points (sensor_msgs/PointCloud2 in the
    velodyne XYZIRT layout, read by its field offsets; a 0.5 m bin whose points span 0.35 m or more vertically
    is an obstacle, as LidarCorridor does);
  - publishes cmd_vel_stamped (geometry_msgs/TwistStamped: speed and the yaw rate v tan(delta) / L of the
    pure-pursuit steering) whose header stamp is the stamp of the odometry message it was computed from, so
    the bridge attributes it and measures the loop latency.
Speed is left to the bridge's speed hold for Twist commands (the Java stack runs its own PI on pedals).
The topic names are the bridge's defaults (bridge TopicNames: vehicle/odom, lidar/points, cmd_vel_stamped),
relative, so a namespace moves them together.

Run it with the bridge as a ROS node (launch/launch/stack.launch does both, in lockstep on wheel_odom):
  ROS_PACKAGE_PATH=$PWD/launch roslaunch hilbridge stack.launch
or by hand against a bridge with ros.enabled and use_sim_time:
  rosparam set use_sim_time true
  /usr/bin/python3 launch/scripts/reference_stack.py _scenario:=launch/scenarios/offroad_course.yaml
On shutdown it prints one line: "reference_stack: N commands, ... obstacle ..." (what it concluded).

Limits as the Java stack's (see its javadoc): no planner (it stops before an obstacle and waits), no camera, a
straight LiDAR corridor, a localiser that drifts with the wheel odometry in a GNSS outage.
"""
import math
import threading

import numpy as np
import rospy
import yaml
from geometry_msgs.msg import TwistStamped
from nav_msgs.msg import Odometry
from sensor_msgs.msg import NavSatFix, PointCloud2

# Vehicle geometry of the bundled models (sim-core VehicleParams); the scenario names the model.
# Copied from sim-core's VehicleParams.offRoadUtility() / smallCar(): wheelbase, 35 degree steering, half the
# body width, half the body length (the CG is mid-body for the corridor's start).
MODELS = {
    "off_road_utility": {"wheelbase_m": 2.8, "max_steer_rad": math.radians(35), "half_width_m": 0.95, "front_m": 2.1},
    "small_car": {"wheelbase_m": 2.5, "max_steer_rad": math.radians(35), "half_width_m": 0.85, "front_m": 1.95},
}
# sensor_msgs/PointField datatypes (http://docs.ros.org/api/sensor_msgs/html/msg/PointField.html) we read.
FLOAT32 = 7
BIN_M = 0.5
OBSTACLE_SPAN_M = 0.35
CORRIDOR_LENGTH_M = 25.0
DECELERATION_MPS2 = 1.5
# An obstacle nearer than the stopping distance at this deceleration asks for speed 0 at once, as the Java stack
# brakes in full: a VLP-16 2 m up sees a 1 m crate (two rings on it) from about 14 m, under the 12 m + margin
# that 1.5 m/s^2 needs from 6 m/s, and the bridge's Twist speed hold brakes in proportion to the speed error
# (sim-core CommandConverter: 0.5 per m/s), so only a target of 0 brakes hard enough.
BLOCKED_DECELERATION_MPS2 = 3.0
# Close in, a low obstacle drops below the lowest ring (a VLP-16 2 m up sees a 1 m crate from about 4 m out):
# one seen before and now nearer than this is kept (moved by the distance travelled), as the Java stack does.
BLIND_RANGE_M = 8.0
OBSTACLE_MARGIN_M = 3.0


# WGS-84 (NIMA TR8350.2): semi-major axis and flattening; the simulator's default datum when a GNSS sensor names
# none (hil SensorFactory.DEFAULT_LAT_DEG / _LON_DEG / _ALT_M).
WGS84_A_M = 6378137.0
WGS84_F = 1 / 298.257223563
WGS84_E2 = WGS84_F * (2 - WGS84_F)
DEFAULT_ORIGIN = (48.2625, 11.6670, 480.0)


def geodetic_to_ecef(lat_deg, lon_deg, h_m):
    """Misra and Enge, "Global Positioning System", section 4.2 (as sim-core's Wgs84)."""
    lat, lon = math.radians(lat_deg), math.radians(lon_deg)
    n = WGS84_A_M / math.sqrt(1 - WGS84_E2 * math.sin(lat) ** 2)
    return ((n + h_m) * math.cos(lat) * math.cos(lon), (n + h_m) * math.cos(lat) * math.sin(lon), (n * (1 - WGS84_E2) + h_m) * math.sin(lat))


class Enu(object):
    """Local east/north metres about a geodetic origin: ECEF difference rotated into ENU (sim-core Wgs84.toEnu)."""

    def __init__(self, lat_deg, lon_deg, h_m):
        self.origin = geodetic_to_ecef(lat_deg, lon_deg, h_m)
        lat, lon = math.radians(lat_deg), math.radians(lon_deg)
        self.sin_lat, self.cos_lat, self.sin_lon, self.cos_lon = math.sin(lat), math.cos(lat), math.sin(lon), math.cos(lon)

    def east_north(self, lat_deg, lon_deg, h_m):
        x, y, z = geodetic_to_ecef(lat_deg, lon_deg, h_m)
        dx, dy, dz = x - self.origin[0], y - self.origin[1], z - self.origin[2]
        east = -self.sin_lon * dx + self.cos_lon * dy
        north = -self.sin_lat * self.cos_lon * dx - self.sin_lat * self.sin_lon * dy + self.cos_lat * dz
        return east, north


def wrap(a):
    return math.atan2(math.sin(a), math.cos(a))


class Localizer(object):
    """The Java stack's Localizer (org.hilbridge.hil.stack.Localizer), in Python: odometry increments taken in the
    odometry frame's body axes and applied in the world at the estimated heading; a GNSS fix (moved from the
    antenna to base_link) pulls the position by x += k (z - x); the course of the GNSS track over at least
    baseline_m of travel minus the course of the dead-reckoned track over the same fixes is the heading error
    (GNSS course over ground as a heading reference; Groves, "Principles of GNSS, Inertial, and Multisensor
    Integrated Navigation Systems", 2nd ed., section 16.1), of which a fraction is applied."""
    HISTORY = 64

    def __init__(self, x_m, y_m, yaw_rad, enu, antenna_xy, position_gain=0.05, heading_gain=0.05, baseline_m=15.0):
        self.x, self.y, self.yaw = x_m, y_m, yaw_rad
        self.enu, self.antenna = enu, antenna_xy
        self.position_gain, self.heading_gain, self.baseline_m = position_gain, heading_gain, baseline_m
        self.dr_x = self.dr_y = 0.0  # the dead-reckoned world track, never corrected
        self.odom = None
        self.fixes = []  # (fix x, fix y, dead-reckoned x, dead-reckoned y), newest last

    def on_odometry(self, ox, oy, oyaw):
        if self.odom is not None:
            px, py, pyaw = self.odom
            c, s = math.cos(pyaw), math.sin(pyaw)
            forward, left = c * (ox - px) + s * (oy - py), -s * (ox - px) + c * (oy - py)
            cw, sw = math.cos(self.yaw), math.sin(self.yaw)
            wx, wy = cw * forward - sw * left, sw * forward + cw * left
            self.x, self.y, self.dr_x, self.dr_y = self.x + wx, self.y + wy, self.dr_x + wx, self.dr_y + wy
            self.yaw = wrap(self.yaw + wrap(oyaw - pyaw))
        self.odom = (ox, oy, oyaw)

    def on_gnss(self, lat_deg, lon_deg, h_m):
        east, north = self.enu.east_north(lat_deg, lon_deg, h_m)
        c, s = math.cos(self.yaw), math.sin(self.yaw)
        zx = east - (c * self.antenna[0] - s * self.antenna[1])
        zy = north - (s * self.antenna[0] + c * self.antenna[1])
        self.fixes.append([zx, zy, self.dr_x, self.dr_y])
        del self.fixes[:-self.HISTORY]
        self.correct_heading()
        self.x += self.position_gain * (zx - self.x)
        self.y += self.position_gain * (zy - self.y)

    def correct_heading(self):
        newest = self.fixes[-1]
        for old in reversed(self.fixes[:-1]):
            ddx, ddy = newest[2] - old[2], newest[3] - old[3]
            if math.hypot(ddx, ddy) >= self.baseline_m:
                gx, gy = newest[0] - old[0], newest[1] - old[1]
                if math.hypot(gx, gy) >= self.baseline_m / 2:
                    turn = self.heading_gain * wrap(math.atan2(gy, gx) - math.atan2(ddy, ddx))
                    self.yaw = wrap(self.yaw + turn)
                    # Rotate the stored dead-reckoned track with the heading, so a correction is counted once.
                    c, s = math.cos(turn), math.sin(turn)
                    for f in self.fixes[:-1]:
                        dx, dy = f[2] - newest[2], f[3] - newest[3]
                        f[2], f[3] = newest[2] + c * dx - s * dy, newest[3] + s * dx + c * dy
                return


def mount_transform(mount):
    """Rotation and translation of a scenario sensor mount into base_link: roll, pitch, yaw about the fixed
    axes x, y, z in that order (launch/scenarios/README.md, sensors(i).mount), so R = Rz(yaw) Ry(pitch) Rx(roll)."""
    r, p, y = (math.radians(mount.get(k, 0.0)) for k in ("roll_deg", "pitch_deg", "yaw_deg"))
    rx = np.array([[1, 0, 0], [0, math.cos(r), -math.sin(r)], [0, math.sin(r), math.cos(r)]])
    ry = np.array([[math.cos(p), 0, math.sin(p)], [0, 1, 0], [-math.sin(p), 0, math.cos(p)]])
    rz = np.array([[math.cos(y), -math.sin(y), 0], [math.sin(y), math.cos(y), 0], [0, 0, 1]])
    return rz @ ry @ rx, np.array([mount.get("x_m", 0.0), mount.get("y_m", 0.0), mount.get("z_m", 0.0)])


def cloud_xyz(cloud):
    """The x, y, z columns of a PointCloud2 as float32 arrays, located by the fields' names and offsets (the
    bridge sends XYZIRT, point_step 22; any layout with float32 x, y, z is read)."""
    fields = {f.name: f for f in cloud.fields}
    for name in ("x", "y", "z"):
        if name not in fields or fields[name].datatype != FLOAT32:
            raise ValueError("PointCloud2 field %s is missing or not float32: fields %s" % (name, [(f.name, f.datatype) for f in cloud.fields]))
    order = ">" if cloud.is_bigendian else "<"
    points = cloud.width * cloud.height
    dtype = np.dtype({"names": ["x", "y", "z"], "formats": [order + "f4"] * 3,
                      "offsets": [fields["x"].offset, fields["y"].offset, fields["z"].offset], "itemsize": cloud.point_step})
    xyz = np.frombuffer(cloud.data, dtype=dtype, count=points)
    return xyz["x"], xyz["y"], xyz["z"]


class ReferenceStack(object):
    def __init__(self):
        with open(rospy.get_param("~scenario")) as f:
            scenario = yaml.safe_load(f)
        self.route = [(w["x_m"], w["y_m"]) for w in scenario["route"]]
        vehicle = scenario.get("vehicle", {})
        init = vehicle.get("initial", {})
        gnss = [s for s in scenario.get("sensors", []) if s.get("type") == "gnss"]
        origin = (gnss[0].get("origin_lat_deg", DEFAULT_ORIGIN[0]), gnss[0].get("origin_lon_deg", DEFAULT_ORIGIN[1]),
                  gnss[0].get("origin_alt_m", DEFAULT_ORIGIN[2])) if gnss else DEFAULT_ORIGIN
        antenna = gnss[0].get("mount", {}) if gnss else {}
        self.localizer = Localizer(init.get("x_m", 0.0), init.get("y_m", 0.0), math.radians(init.get("yaw_deg", 0.0)), Enu(*origin),
                                   (antenna.get("x_m", 0.0), antenna.get("y_m", 0.0)))
        self.lock = threading.Lock()  # rospy calls each subscription's callback on its own thread
        self.fixes = 0
        self.model = MODELS[vehicle.get("model", "off_road_utility")]
        lidar = [s for s in scenario.get("sensors", []) if s.get("type") == "lidar"]
        self.lidar_rotation, self.lidar_offset = mount_transform(lidar[0].get("mount", {}) if lidar else {})
        self.cruise = rospy.get_param("~cruise_speed_mps", 6.0)
        self.lookahead = rospy.get_param("~lookahead_m", 6.0)
        self.segment = 0
        self.obstacle_m = float("inf")  # ahead of base_link when it was seen, at self.obstacle_seen_at_m travelled
        self.obstacle_seen_at_m = 0.0
        self.travelled_m = 0.0
        self.last_xy = None
        self.nearest_obstacle_m = float("inf")
        self.obstacle_clouds = 0
        self.clouds = 0
        self.commands = 0
        self.pub = rospy.Publisher("cmd_vel_stamped", TwistStamped, queue_size=10, tcp_nodelay=True)
        rospy.Subscriber("vehicle/odom", Odometry, self.on_odom, queue_size=1, tcp_nodelay=True)
        # buff_size >= queue x message size (a VLP-16 revolution is ~0.6 MB), or rospy's latency grows without bound.
        if gnss:
            rospy.Subscriber("gnss/fix", NavSatFix, self.on_fix, queue_size=10, tcp_nodelay=True)
        rospy.Subscriber("lidar/points", PointCloud2, self.on_cloud, queue_size=1, buff_size=1 << 24, tcp_nodelay=True)

    def pose(self, odom):
        """The world pose: the odometry increment through the localiser (the odometry frame starts at (0, 0, 0)
        where the vehicle started, the localiser at the scenario's initial pose)."""
        p = odom.pose.pose.position
        q = odom.pose.pose.orientation
        yaw = math.atan2(2 * (q.w * q.z + q.x * q.y), 1 - 2 * (q.y * q.y + q.z * q.z))
        with self.lock:
            self.localizer.on_odometry(p.x, p.y, yaw)
            return self.localizer.x, self.localizer.y, self.localizer.yaw

    def on_fix(self, fix):
        if fix.status.status < 0 or math.isnan(fix.latitude):
            return  # no fix (a gnss_outage): dead reckoning only
        with self.lock:
            self.localizer.on_gnss(fix.latitude, fix.longitude, fix.altitude)
            self.fixes += 1

    def target(self, x, y):
        """The look-ahead point on the route and the distance left to its end (forward-only progress)."""
        while self.segment < len(self.route) - 2:
            (ax, ay), (bx, by) = self.route[self.segment], self.route[self.segment + 1]
            dx, dy = bx - ax, by - ay
            if ((x - ax) * dx + (y - ay) * dy) / max(dx * dx + dy * dy, 1e-9) < 1:
                break
            self.segment += 1
        left = self.lookahead
        remaining = 0.0
        tx, ty = self.route[-1]
        found = False
        for i in range(self.segment, len(self.route) - 1):
            (ax, ay), (bx, by) = self.route[i], self.route[i + 1]
            seg = math.hypot(bx - ax, by - ay)
            start = 0.0
            if i == self.segment:
                t = max(0.0, min(1.0, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / max(seg * seg, 1e-9)))
                start = t * seg
            remaining += seg - start
            if not found and start + left <= seg:
                f = (start + left) / max(seg, 1e-9)
                tx, ty = ax + f * (bx - ax), ay + f * (by - ay)
                found = True
            elif not found:
                left -= seg - start
        return tx, ty, remaining

    def on_cloud(self, cloud):
        x, y, z = cloud_xyz(cloud)
        body = self.lidar_rotation @ np.vstack((x, y, z)) + self.lidar_offset[:, None]
        bx, by, bz = body
        front = self.model["front_m"] + 0.2
        inside = (bx >= front) & (bx < front + CORRIDOR_LENGTH_M) & (np.abs(by) <= self.model["half_width_m"] + 0.3) & (bz < 2.0)
        bins = ((bx[inside] - front) / BIN_M).astype(np.int64)
        heights = bz[inside]
        count = int(CORRIDOR_LENGTH_M / BIN_M) + 1
        lo = np.full(count, np.inf)
        hi = np.full(count, -np.inf)
        np.minimum.at(lo, bins, heights)
        np.maximum.at(hi, bins, heights)
        counts = np.bincount(bins, minlength=count)
        hits = np.nonzero((counts >= 2) & (hi - lo >= OBSTACLE_SPAN_M))[0]
        seen = front + BIN_M * hits[0] if hits.size else float("inf")
        travelled = self.travelled_m
        if hits.size or not self.obstacle_ahead_m(travelled) < BLIND_RANGE_M:
            self.obstacle_m, self.obstacle_seen_at_m = seen, travelled
        self.clouds += 1
        if hits.size:
            self.obstacle_clouds += 1
            self.nearest_obstacle_m = min(self.nearest_obstacle_m, seen)

    def obstacle_ahead_m(self, travelled_m):
        """The obstacle's distance ahead of base_link now (inf when the corridor was clear)."""
        return self.obstacle_m - (travelled_m - self.obstacle_seen_at_m)

    def on_odom(self, odom):
        p = odom.pose.pose.position
        if self.last_xy is not None:
            self.travelled_m += math.hypot(p.x - self.last_xy[0], p.y - self.last_xy[1])
        self.last_xy = (p.x, p.y)
        x, y, yaw = self.pose(odom)
        tx, ty, remaining = self.target(x, y)
        bearing = math.atan2(ty - y, tx - x)
        alpha = math.atan2(math.sin(bearing - yaw), math.cos(bearing - yaw))
        distance = max(math.hypot(tx - x, ty - y), 1e-3)
        steer = math.atan(2 * self.model["wheelbase_m"] * math.sin(alpha) / distance)
        steer = max(-self.model["max_steer_rad"], min(self.model["max_steer_rad"], steer))
        # v = sqrt(2 a d): at rest at the route's end, and OBSTACLE_MARGIN_M short of an obstacle.
        free = self.obstacle_ahead_m(self.travelled_m) - OBSTACLE_MARGIN_M
        speed = min(self.cruise, math.sqrt(2 * DECELERATION_MPS2 * max(0.0, remaining - 0.5)), math.sqrt(2 * DECELERATION_MPS2 * max(0.0, free)))
        moving = odom.twist.twist.linear.x
        if free <= 0.5 or free <= moving * moving / (2 * BLOCKED_DECELERATION_MPS2):
            speed = 0.0
        cmd = TwistStamped()
        cmd.header.stamp = odom.header.stamp  # names the sample it was computed from
        cmd.header.frame_id = "base_link"
        cmd.twist.linear.x = speed
        cmd.twist.angular.z = speed * math.tan(steer) / self.model["wheelbase_m"]
        self.pub.publish(cmd)
        self.commands += 1

    def report(self):
        nearest = "none" if math.isinf(self.nearest_obstacle_m) else "nearest %.1f m ahead" % self.nearest_obstacle_m
        print("reference_stack: %d commands on %s, %d clouds, an obstacle in %d of them (%s), %d GNSS fixes, pose (%.1f, %.1f)"
              % (self.commands, self.pub.resolved_name, self.clouds, self.obstacle_clouds, nearest, self.fixes, self.localizer.x, self.localizer.y),
              flush=True)


if __name__ == "__main__":
    rospy.init_node("reference_stack")
    stack = ReferenceStack()
    rospy.on_shutdown(stack.report)
    rospy.spin()
