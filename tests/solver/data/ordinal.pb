META
key;value
description;Ordinal test
country;Denmark
unit;Aarhus
instance;2026
num_projects;2
num_votes;2
budget;100
vote_type;ordinal
PROJECTS
project_id;cost
x;60
y;50
VOTES
voter_id;vote
1;x,y
2;y
