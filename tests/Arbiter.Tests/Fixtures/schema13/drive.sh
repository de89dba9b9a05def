#!/bin/bash
# Drives a node written by schema 13 through money-moving commands, then kills it.
U=$1
post() { curl -s -X POST "$U$2" -H "Authorization: Bearer $1" -H 'Content-Type: application/json' -d "$3"; echo; }
for i in 1 2 3; do
post k /api/v1/orders "{\"id\":\"fx-$i\",\"buyerId\":\"demo_buyer\",\"sellerId\":\"demo_seller\",\"currency\":\"USD\",\"lines\":[{\"id\":\"l1\",\"title\":\"Fixture item $i\",\"quantity\":1,\"unitPrice\":1500,\"shipping\":250}],\"payment\":{\"method\":\"card\",\"reference\":\"pay_fx_$i\"},\"shippingMethod\":\"standard\"}"
post demo-seller-token /api/v1/orders/fx-$i/shipment '{"carrier":"China Post","trackingNumber":"RB000000001CN"}'
done
post demo-buyer-token /api/v1/orders/fx-1/confirm-receipt '{}'
D=$(post demo-buyer-token /api/v1/orders/fx-2/disputes '{"lineId":"l1","received":false,"reason":"not_received_in_transit","solution":{"type":"refund_only","amount":1750},"description":"Nothing came.","evidenceIds":[]}')
echo "$D"
DID=$(echo "$D" | python3 -c 'import sys,json; print(json.load(sys.stdin)["id"])')
O=$(post demo-seller-token /api/v1/disputes/$DID/offers '{"type":"refund_only","amount":700}')
OID=$(echo "$O" | python3 -c 'import sys,json; print(json.load(sys.stdin)["id"])')
post demo-buyer-token /api/v1/disputes/$DID/offers/$OID/accept '{}'
sleep 0.3; pkill -9 -f "urls $U"
