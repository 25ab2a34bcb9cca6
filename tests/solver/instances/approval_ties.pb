META
key;value
description;Generated test instance (not a real election)
country;Worldwide
unit;Test
instance;approval_ties
num_projects;8
num_votes;60
budget;1200
vote_type;approval
date_begin;2026
date_end;2026
PROJECTS
project_id;cost;name
t0;200;Tie 0
t1;300;Tie 1
t2;500;Tie 2
t3;200;Tie 3
t4;300;Tie 4
t5;500;Tie 5
t6;200;Tie 6
t7;300;Tie 7
VOTES
voter_id;vote
1;t0,t1,t2
2;t3,t4
3;t5,t6,t7
4;t0,t4,t7
5;t1,t5
6;t0,t1,t2
7;t3,t4
8;t5,t6,t7
9;t0,t4,t7
10;t1,t5
11;t0,t1,t2
12;t3,t4
13;t5,t6,t7
14;t0,t4,t7
15;t1,t5
16;t0,t1,t2
17;t3,t4
18;t5,t6,t7
19;t0,t4,t7
20;t1,t5
21;t0,t1,t2
22;t3,t4
23;t5,t6,t7
24;t0,t4,t7
25;t1,t5
26;t0,t1,t2
27;t3,t4
28;t5,t6,t7
29;t0,t4,t7
30;t1,t5
31;t0,t1,t2
32;t3,t4
33;t5,t6,t7
34;t0,t4,t7
35;t1,t5
36;t0,t1,t2
37;t3,t4
38;t5,t6,t7
39;t0,t4,t7
40;t1,t5
41;t0,t1,t2
42;t3,t4
43;t5,t6,t7
44;t0,t4,t7
45;t1,t5
46;t0,t1,t2
47;t3,t4
48;t5,t6,t7
49;t0,t4,t7
50;t1,t5
51;t0,t1,t2
52;t3,t4
53;t5,t6,t7
54;t0,t4,t7
55;t1,t5
56;t0,t1,t2
57;t3,t4
58;t5,t6,t7
59;t0,t4,t7
60;t1,t5
