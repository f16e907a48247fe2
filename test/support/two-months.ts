/**
 * Two months of orders, August and September 2025, whose figures test/decompose/warehouse.test.ts
 * works out by hand (valid revenue 220 in August, 300 in September): the landing rows of
 * orders.csv and order_items.csv, header first, for tests that build on them.
 */
export const TWO_MONTHS_ORDERS: readonly string[] = [
  'order_id,customer_id,order_ts,channel,payment_method,status,currency',
  'a1,u1,2025-08-03 10:00:00,web,card,delivered,EUR',
  'a2,u2,2025-08-10 10:00:00,web,card,delivered,EUR',
  'a3,u1,2025-08-20 10:00:00,mobile,paypal,delivered,EUR',
  'a4,u2,2025-08-21 10:00:00,store,card,delivered,EUR',
  'a5,u1,2025-08-22 10:00:00,web,card,cancelled,EUR',
  'a6,u2,2025-08-23 10:00:00,mobile,card,returned,EUR',
  's1,u1,2025-09-02 10:00:00,web,card,shipped,EUR',
  's2,u2,2025-09-05 10:00:00,mobile,paypal,delivered,EUR',
  's3,u1,2025-09-06 10:00:00,mobile,paypal,placed,EUR',
  's4,u2,2025-09-30 23:00:00,mobile,card,delivered,EUR',
  's5,u1,2025-09-15 10:00:00,app,card,delivered,EUR',
];

// One line per order; mobile orders buy p2 (category c2), the others p1 (c1).
export const TWO_MONTHS_ITEMS: readonly string[] = [
  'order_id,line_number,product_id,quantity,unit_price,discount_amount',
  'a1,1,p1,1,100.00,',
  'a2,1,p1,1,60.00,',
  'a3,1,p2,1,40.00,',
  'a4,1,p1,1,20.00,',
  'a5,1,p1,1,500.00,',
  'a6,1,p2,1,300.00,',
  's1,1,p1,1,90.00,',
  's2,1,p2,1,50.00,',
  's3,1,p2,1,70.00,',
  's4,1,p2,1,60.00,',
  's5,1,p1,1,30.00,',
];
