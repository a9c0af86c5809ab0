#!/usr/bin/env python3
"""A rospy node for hilbridge's end-to-end tests (Debian's python3-rospy and message packages).

Subscribes to the sensor topics and prints one line per message (MSG, then tab-separated key=value) with the fields the test compares with
the simulator's own record of the same sample (matched by header.seq). Floats are printed with repr, which
round-trips every double exactly (Python's float repr, PEP 3101 / David Gay's shortest repr). With --command
it answers every ground-truth message with a geometry_msgs/TwistStamped on /cmd_vel_stamped stamped with
that message's header stamp (the capture stamp of the sample it answers), so the bridge attributes the loop
latency. Runs for --duration wall seconds after its first message, then exits 0.
"""
import argparse
import hashlib
import sys
import threading
import time

import rospy
from geometry_msgs.msg import TwistStamped
from nav_msgs.msg import Odometry
from sensor_msgs.msg import CameraInfo, Image, Imu, NavSatFix, PointCloud2
from sensor_msgs import point_cloud2

lock = threading.Lock()
first = [None]


def text(v):
    """One field as text: floats by repr (exact), lists comma-joined, None as the empty string."""
    if v is None:
        return ""
    if isinstance(v, (list, tuple)):
        return ",".join(text(x) for x in v)
    return repr(v) if isinstance(v, float) else str(v)


def emit(topic, msg, fields):
    h = msg.header
    out = {"topic": topic, "seq": h.seq, "secs": h.stamp.secs, "nsecs": h.stamp.nsecs, "frame_id": h.frame_id}
    out.update(fields)
    with lock:
        if first[0] is None:
            first[0] = time.monotonic()
        sys.stdout.write("MSG\t" + "\t".join(k + "=" + text(v) for k, v in out.items()) + "\n")
        sys.stdout.flush()


def on_imu(topic):
    return lambda m: emit(topic, m, {
        "gyro": [m.angular_velocity.x, m.angular_velocity.y, m.angular_velocity.z],
        "accel": [m.linear_acceleration.x, m.linear_acceleration.y, m.linear_acceleration.z],
        "gyro_var": m.angular_velocity_covariance[0], "accel_var": m.linear_acceleration_covariance[0],
        "orientation_cov0": m.orientation_covariance[0]})


def on_fix(topic):
    return lambda m: emit(topic, m, {
        "status": m.status.status, "lat": m.latitude, "lon": m.longitude, "alt": m.altitude,
        "cov": list(m.position_covariance), "cov_type": m.position_covariance_type})


def on_odom(topic, pub):
    def cb(m):
        p, q, t = m.pose.pose.position, m.pose.pose.orientation, m.twist.twist
        emit(topic, m, {"child_frame_id": m.child_frame_id, "pos": [p.x, p.y, p.z], "quat": [q.x, q.y, q.z, q.w],
                        "lin": [t.linear.x, t.linear.y, t.linear.z], "ang": [t.angular.x, t.angular.y, t.angular.z]})
        if pub is not None:
            c = TwistStamped()
            c.header.stamp = m.header.stamp  # the capture stamp of the sample this command answers
            c.header.frame_id = "base_link"
            c.twist.linear.x = args.speed
            pub.publish(c)
    return cb


def on_image(topic):
    return lambda m: emit(topic, m, {"width": m.width, "height": m.height, "encoding": m.encoding, "step": m.step,
                                     "md5": hashlib.md5(bytes(m.data)).hexdigest()})


def on_info(topic):
    return lambda m: emit(topic, m, {"width": m.width, "height": m.height, "K": list(m.K), "D": list(m.D),
                                     "distortion_model": m.distortion_model})


def on_cloud(topic):
    def cb(m):
        pts = list(point_cloud2.read_points(m, field_names=("x", "y", "z")))
        emit(topic, m, {"width": m.width, "height": m.height, "points": len(pts),
                        "first": list(pts[0]) if pts else None, "last": list(pts[-1]) if pts else None})
    return cb


parser = argparse.ArgumentParser()
parser.add_argument("--duration", type=float, default=5.0)
parser.add_argument("--command", action="store_true")
parser.add_argument("--speed", type=float, default=3.0)
args = parser.parse_args(rospy.myargv()[1:])

rospy.init_node("hilbridge_test_peer", anonymous=True, disable_signals=True)
cmd = rospy.Publisher("/cmd_vel_stamped", TwistStamped, queue_size=10, tcp_nodelay=True) if args.command else None
big = 64 * 1024 * 1024  # PEERS.md: rospy needs buff_size >= queue x message size for images
rospy.Subscriber("/imu/data", Imu, on_imu("/imu/data"), tcp_nodelay=True, queue_size=1000)
rospy.Subscriber("/gnss/fix", NavSatFix, on_fix("/gnss/fix"), tcp_nodelay=True, queue_size=1000)
rospy.Subscriber("/ground_truth/odom", Odometry, on_odom("/ground_truth/odom", cmd), tcp_nodelay=True, queue_size=1000)
rospy.Subscriber("/vehicle/odom", Odometry, on_odom("/vehicle/odom", None), tcp_nodelay=True, queue_size=1000)
rospy.Subscriber("/camera/image_raw", Image, on_image("/camera/image_raw"), tcp_nodelay=True, queue_size=100, buff_size=big)
rospy.Subscriber("/camera/depth", Image, on_image("/camera/depth"), tcp_nodelay=True, queue_size=100, buff_size=big)
rospy.Subscriber("/camera/semantic", Image, on_image("/camera/semantic"), tcp_nodelay=True, queue_size=100, buff_size=big)
rospy.Subscriber("/camera/camera_info", CameraInfo, on_info("/camera/camera_info"), tcp_nodelay=True, queue_size=100)
rospy.Subscriber("/lidar/points", PointCloud2, on_cloud("/lidar/points"), tcp_nodelay=True, queue_size=100, buff_size=big)
sys.stdout.write("READY\n")
sys.stdout.flush()
while not rospy.is_shutdown():
    with lock:
        started = first[0]
    if started is not None and time.monotonic() - started > args.duration:
        break
    time.sleep(0.05)
rospy.signal_shutdown("done")
