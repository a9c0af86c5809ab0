#!/usr/bin/python3
# rospy publisher for the `ros` benchmark (RosBenchmark): the same behaviour as ros_bench_pub.cpp.
#   ros_bench_pub.py imu|image TOPIC COUNT RATE_HZ SUBS
import sys
import time

import rospy
from sensor_msgs.msg import Image, Imu


def stamp(header, seq):
    now = time.monotonic_ns()  # CLOCK_MONOTONIC, as the subscriber reads it
    header.seq = seq
    header.stamp.secs = now // 1000000000
    header.stamp.nsecs = now % 1000000000


def main():
    kind, topic, count, rate, subs = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
    rospy.init_node('bench_pub_py', anonymous=True, disable_signals=True)
    pub = rospy.Publisher(topic, Imu if kind == 'imu' else Image, queue_size=1000 if kind == 'imu' else 30)
    while pub.get_num_connections() < subs:
        time.sleep(0.01)
    time.sleep(0.5)
    imu = Imu()
    imu.header.frame_id = 'imu_link'
    imu.orientation.w = 1.0
    img = Image(width=1920, height=1080, encoding='rgb8', step=1920 * 3)
    img.header.frame_id = 'camera_optical'
    pixels = bytearray(b'\x5a' * (1920 * 1080 * 3))
    r = rospy.Rate(rate)
    cpu0, wall0 = time.process_time_ns(), time.monotonic_ns()
    for i in range(1, count + 1):
        if kind == 'imu':
            stamp(imu.header, i)
            imu.angular_velocity.z = float(i)
            pub.publish(imu)
        else:
            pixels[i % len(pixels)] = i & 0xff
            img.data = bytes(pixels)  # harness work (a distinct frame each time), before the stamp
            stamp(img.header, i)
            pub.publish(img)
        r.sleep()
    cpu1, wall1 = time.process_time_ns(), time.monotonic_ns()
    print('CPU %d WALL %d' % (cpu1 - cpu0, wall1 - wall0), flush=True)
    time.sleep(1.0)
    rospy.signal_shutdown('done')


if __name__ == '__main__':
    main()
