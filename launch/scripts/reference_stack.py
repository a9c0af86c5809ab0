#!/usr/bin/python3
"""The reference autonomy stack's ROS path (rospy, Debian's python3-rospy): a test stand-in, not an
autonomy product.

It does what the Java stack (org.hilbridge.hil.stack.ReferenceStack, `hilbridge stack`) does over the
protobuf socket, with ROS topics instead, minus the camera rule:
  - pose from wheel odometry (vehicle/odom, nav_msgs/Odometry) started at the scenario's initial pose
    (no GNSS fusion here);
  - pure pursuit along the scenario's route (Coulter, CMU-RI-TR-92-01: delta = atan(2 L sin(alpha) / l_d));
  - stops for obstacles in a straight corridor ahead seen in lidar/points (sensor_msgs/PointCloud2, the
    points' vertical span per 0.5 m bin, as LidarCorridor does);
  - publishes cmd_vel_stamped (geometry_msgs/TwistStamped: speed and the yaw rate v tan(delta) / L of the
    pure-pursuit steering) whose header stamp is the stamp of the odometry message it was computed from, so
    the bridge attributes it and measures the loop latency.
Speed is left to the bridge's speed hold for Twist commands (the Java stack runs its own PI on pedals).

Run it against a bridge whose ROS transport is enabled, with use_sim_time:
  rosparam set use_sim_time true
  /usr/bin/python3 launch/scripts/reference_stack.py _scenario:=launch/scenarios/offroad_course.yaml

Limits as the Java stack's (see its javadoc), and it can be tested only once the ROS transport is wired
into the runner.
"""
import math
import struct

import rospy
import yaml
from geometry_msgs.msg import TwistStamped
from nav_msgs.msg import Odometry
from sensor_msgs.msg import PointCloud2

# Vehicle geometry of the bundled models (sim-core VehicleParams); the scenario names the model.
# Copied from sim-core's VehicleParams.offRoadUtility() / smallCar(): wheelbase, 35 degree steering, half the
# body width, half the body length (the CG is mid-body for the corridor's start).
MODELS = {
    "off_road_utility": {"wheelbase_m": 2.8, "max_steer_rad": math.radians(35), "half_width_m": 0.95, "front_m": 2.1},
    "small_car": {"wheelbase_m": 2.5, "max_steer_rad": math.radians(35), "half_width_m": 0.85, "front_m": 1.95},
}


class ReferenceStack(object):
    def __init__(self):
        with open(rospy.get_param("~scenario")) as f:
            scenario = yaml.safe_load(f)
        self.route = [(w["x_m"], w["y_m"]) for w in scenario["route"]]
        init = scenario["vehicle"]["initial"]
        self.x0, self.y0 = init.get("x_m", 0.0), init.get("y_m", 0.0)
        self.yaw0 = math.radians(init.get("yaw_deg", 0.0))
        self.model = MODELS[scenario["vehicle"].get("model", "off_road_utility")]
        lidar = [s for s in scenario.get("sensors", []) if s.get("type") == "lidar"]
        self.lidar_mount = lidar[0].get("mount", {}) if lidar else {}
        self.cruise = rospy.get_param("~cruise_speed_mps", 6.0)
        self.lookahead = rospy.get_param("~lookahead_m", 6.0)
        self.segment = 0
        self.obstacle_m = float("inf")
        self.pub = rospy.Publisher("cmd_vel_stamped", TwistStamped, queue_size=10, tcp_nodelay=True)
        rospy.Subscriber("vehicle/odom", Odometry, self.on_odom, queue_size=1, tcp_nodelay=True)
        rospy.Subscriber("lidar/points", PointCloud2, self.on_cloud, queue_size=1, buff_size=1 << 24)

    def pose(self, odom):
        # The odometry frame starts at (0, 0, 0) where the vehicle started: place it at the initial pose.
        p = odom.pose.pose.position
        q = odom.pose.pose.orientation
        yaw = math.atan2(2 * (q.w * q.z + q.x * q.y), 1 - 2 * (q.y * q.y + q.z * q.z))
        c, s = math.cos(self.yaw0), math.sin(self.yaw0)
        return self.x0 + c * p.x - s * p.y, self.y0 + s * p.x + c * p.y, yaw + self.yaw0

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
        offsets = {f.name: f.offset for f in cloud.fields}
        bins = {}
        mx, my, mz = self.lidar_mount.get("x_m", 0.0), self.lidar_mount.get("y_m", 0.0), self.lidar_mount.get("z_m", 0.0)
        front = self.model["front_m"] + 0.2
        for i in range(0, len(cloud.data), cloud.point_step):
            x, = struct.unpack_from("<f", cloud.data, i + offsets["x"])
            y, = struct.unpack_from("<f", cloud.data, i + offsets["y"])
            z, = struct.unpack_from("<f", cloud.data, i + offsets["z"])
            bx, by, bz = x + mx, y + my, z + mz  # the bundled LiDAR mounts are unrotated
            if front <= bx < front + 25 and abs(by) <= self.model["half_width_m"] + 0.3 and bz < 2.0:
                lo, hi = bins.get(int((bx - front) / 0.5), (bz, bz))
                bins[int((bx - front) / 0.5)] = (min(lo, bz), max(hi, bz))
        hits = [k for k, (lo, hi) in bins.items() if hi - lo >= 0.35]
        self.obstacle_m = front + 0.5 * min(hits) if hits else float("inf")

    def on_odom(self, odom):
        x, y, yaw = self.pose(odom)
        tx, ty, remaining = self.target(x, y)
        alpha = math.atan2(math.sin(math.atan2(ty - y, tx - x) - yaw), math.cos(math.atan2(ty - y, tx - x) - yaw))
        distance = max(math.hypot(tx - x, ty - y), 1e-3)
        steer = math.atan(2 * self.model["wheelbase_m"] * math.sin(alpha) / distance)
        steer = max(-self.model["max_steer_rad"], min(self.model["max_steer_rad"], steer))
        # v = sqrt(2 a d): at rest at the route's end, and 3 m short of an obstacle.
        speed = min(self.cruise, math.sqrt(2 * 1.5 * max(0.0, remaining - 0.5)), math.sqrt(2 * 1.5 * max(0.0, self.obstacle_m - 3.0)))
        cmd = TwistStamped()
        cmd.header.stamp = odom.header.stamp  # names the sample it was computed from
        cmd.header.frame_id = "base_link"
        cmd.twist.linear.x = speed
        cmd.twist.angular.z = speed * math.tan(steer) / self.model["wheelbase_m"]
        self.pub.publish(cmd)


if __name__ == "__main__":
    rospy.init_node("reference_stack")
    ReferenceStack()
    rospy.spin()
